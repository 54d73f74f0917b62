import { decodeCursor, toPage, type Page, type PageRequest } from '@activation/configuration';
import type { AudienceDefinition } from '@activation/contracts';
import { returnedRows, type Queryable } from './queryable';

export type JobKind = 'backfill' | 'remove' | 'snapshot';
export type JobStatus = 'running' | 'done' | 'superseded' | 'failed';

export interface NewJob {
  jobKey: string;
  audienceId: string;
  kind: JobKind;
  definition: AudienceDefinition;
  requestedAt: number;
  total: number;
  targetSubscriptionId?: number;
  requestId?: string;
}

export interface JobRecord extends NewJob {
  id: string;
  audienceVersion: number;
  status: JobStatus;
  processed: number;
  entered: number;
  modified: number;
  exited: number;
  emitted: number;
  cursor: string | null;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

export interface PageProgress {
  cursor: string;
  processed: number;
  entered: number;
  modified: number;
  exited: number;
  emitted: number;
}

const COLUMNS = `id, job_key, audience_id, kind, audience_version, definition, target_subscription_id, request_id,
  requested_at, status, total, processed, entered, modified, exited, emitted, cursor, error, created_at, updated_at, finished_at`;

/** `backfill_jobs`: audience backfills and removals and snapshot requests, with their progress. */
export class JobRepository {
  /** Creates the job unless one with the same key exists; returns the job id either way. */
  async create(manager: Queryable, job: NewJob): Promise<{ id: string; created: boolean }> {
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO backfill_jobs (job_key, audience_id, kind, audience_version, definition, target_subscription_id,
         request_id, requested_at, total)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (job_key) DO NOTHING RETURNING id`,
      [
        job.jobKey, job.audienceId, job.kind, job.definition.version, JSON.stringify(job.definition),
        job.targetSubscriptionId ?? null, job.requestId ?? null, Math.floor(job.requestedAt), job.total,
      ],
    );
    if (inserted.length > 0) return { id: inserted[0].id, created: true };
    const [existing] = await manager.query(`SELECT id FROM backfill_jobs WHERE job_key = $1`, [job.jobKey]);
    return { id: existing.id, created: false };
  }

  /** Stops older running backfills and removals of the audience: the new job covers every profile. */
  async supersede(manager: Queryable, audienceId: string, exceptJobKey: string): Promise<void> {
    await manager.query(
      `UPDATE backfill_jobs SET status = 'superseded', finished_at = now(), updated_at = now(), lease_owner = NULL
       WHERE audience_id = $1 AND status = 'running' AND kind IN ('backfill', 'remove') AND job_key <> $2`,
      [audienceId, exceptJobKey],
    );
  }

  /** Leases the oldest running job nobody holds (or whose holder's lease expired). */
  async claim(manager: Queryable, owner: string, leaseMs: number): Promise<JobRecord | undefined> {
    const rows = returnedRows(await manager.query(
      `WITH next AS (
         SELECT id FROM backfill_jobs
         WHERE status = 'running' AND (lease_until IS NULL OR lease_until < now() OR lease_owner = $1)
         ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
       UPDATE backfill_jobs AS j SET lease_owner = $1, lease_until = now() + make_interval(secs => $2::float8 / 1000)
       FROM next WHERE j.id = next.id
       RETURNING ${COLUMNS.split(',').map((column) => `j.${column.trim()}`).join(', ')}`,
      [owner, leaseMs],
    ));
    return rows.length === 0 ? undefined : toRecord(rows[0]);
  }

  /** Records a finished page; false when the job was superseded or taken over meanwhile. */
  async advance(manager: Queryable, id: string, owner: string, page: PageProgress, leaseMs: number): Promise<boolean> {
    const rows = returnedRows(await manager.query(
      `UPDATE backfill_jobs SET cursor = $3, processed = processed + $4, entered = entered + $5,
         modified = modified + $6, exited = exited + $7, emitted = emitted + $8, updated_at = now(),
         lease_until = now() + make_interval(secs => $9::float8 / 1000)
       WHERE id = $1 AND lease_owner = $2 AND status = 'running' RETURNING id`,
      [id, owner, page.cursor, page.processed, page.entered, page.modified, page.exited, page.emitted, leaseMs],
    ));
    return rows.length > 0;
  }

  async finish(manager: Queryable, id: string, owner: string, status: JobStatus, error?: string): Promise<void> {
    await manager.query(
      `UPDATE backfill_jobs SET status = $3, error = $4, finished_at = now(), updated_at = now(), lease_owner = NULL,
         lease_until = NULL
       WHERE id = $1 AND lease_owner = $2 AND status = 'running'`,
      [id, owner, status, error ?? null],
    );
  }

  /** Newest first (by id, which only grows); the cursor is the last job's id. */
  async listForAudience(manager: Queryable, audienceId: string, page: PageRequest): Promise<Page<JobRecord>> {
    const [before] = page.cursor !== undefined ? decodeCursor(page.cursor, ['number']) : [null];
    const rows = await manager.query(
      `SELECT ${COLUMNS} FROM backfill_jobs WHERE audience_id = $1 AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
      [audienceId, before, page.limit + 1],
    );
    return toPage(rows, page.limit, (row: { id: string | number }) => [Number(row.id)], toRecord);
  }

  async get(manager: Queryable, id: string): Promise<JobRecord | undefined> {
    const rows = await manager.query(`SELECT ${COLUMNS} FROM backfill_jobs WHERE id = $1`, [id]);
    return rows.length === 0 ? undefined : toRecord(rows[0]);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toRecord(row: any): JobRecord {
  return {
    id: String(row.id),
    jobKey: row.job_key,
    audienceId: row.audience_id,
    kind: row.kind,
    audienceVersion: row.audience_version,
    definition: row.definition,
    targetSubscriptionId: row.target_subscription_id ?? undefined,
    requestId: row.request_id ?? undefined,
    requestedAt: Number(row.requested_at),
    status: row.status,
    total: row.total,
    processed: row.processed,
    entered: row.entered,
    modified: row.modified,
    exited: row.exited,
    emitted: row.emitted,
    cursor: row.cursor,
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}
