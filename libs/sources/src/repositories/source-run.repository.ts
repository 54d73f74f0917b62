import type { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, InvalidCursorError, toPage, type Page, type PageRequest } from '@activation/configuration';
import type { PageCounts } from '../engine/prepare-page';

type Queryable = Pick<EntityManager, 'query'>;

export type RunTrigger = 'schedule' | 'manual' | 'resync';
export type RunStatus = 'running' | 'succeeded' | 'failed';

export interface RunError {
  message: string;
  type?: string;
  stackTrace?: unknown;
}

export interface SourceRun extends PageCounts {
  id: string;
  sourceId: string;
  trigger: RunTrigger;
  status: RunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  pages: number;
  notes: string[];
  error: RunError | null;
}

interface RunRow {
  id: string; source_id: string; trigger: RunTrigger; status: RunStatus; started_at: Date; finished_at: Date | null;
  pages: number; upserted: number; deleted: number; skipped: number; rejected: number; notes: string[]; error: RunError | null;
}

const toRun = (row: RunRow): SourceRun => ({
  id: row.id, sourceId: row.source_id, trigger: row.trigger, status: row.status, startedAt: row.started_at, finishedAt: row.finished_at,
  pages: row.pages, upserted: row.upserted, deleted: row.deleted, skipped: row.skipped, rejected: row.rejected, notes: row.notes, error: row.error,
});

const MAX_NOTES = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One row per run of a pull source, with its counts, notes and error. */
export class SourceRunRepository {
  constructor(private readonly dataSource: DataSource) {}

  async start(id: string, sourceId: string, trigger: RunTrigger): Promise<void> {
    await this.dataSource.query(`INSERT INTO source_runs (id, source_id, trigger, status) VALUES ($1, $2, $3, 'running')`, [id, sourceId, trigger]);
  }

  /** Adds one acknowledged page; notes are kept once each, at most MAX_NOTES. */
  async addPage(manager: Queryable, id: string, counts: PageCounts, notes: string[]): Promise<void> {
    await manager.query(
      `UPDATE source_runs SET pages = pages + 1, upserted = upserted + $2, deleted = deleted + $3, skipped = skipped + $4,
         rejected = rejected + $5,
         notes = (SELECT coalesce(jsonb_agg(n), '[]') FROM (
                    SELECT n FROM (SELECT jsonb_array_elements_text(notes) AS n UNION SELECT unnest($6::text[])) u LIMIT ${MAX_NOTES}) t)
       WHERE id = $1`,
      [id, counts.upserted, counts.deleted, counts.skipped, counts.rejected, notes],
    );
  }

  async finish(id: string, status: Exclude<RunStatus, 'running'>, error?: RunError): Promise<void> {
    await this.dataSource.query(`UPDATE source_runs SET status = $2, error = $3, finished_at = now() WHERE id = $1`, [
      id, status, error ? JSON.stringify(error) : null,
    ]);
  }

  async findById(id: string): Promise<SourceRun | null> {
    const rows: RunRow[] = await this.dataSource.query(`SELECT * FROM source_runs WHERE id = $1`, [id]);
    return rows[0] ? toRun(rows[0]) : null;
  }

  /**
   * Newest first; the cursor is the last run's (start in microseconds, id), so runs that started
   * in the same millisecond are neither skipped nor repeated.
   */
  async listBySource(sourceId: string, page: PageRequest): Promise<Page<SourceRun>> {
    const after = page.cursor !== undefined ? decodeCursor(page.cursor, ['number', 'string']) : [null, null];
    if (after[1] !== null && !UUID.test(String(after[1]))) throw new InvalidCursorError();
    const rows: Array<RunRow & { started_us: string }> = await this.dataSource.query(
      `SELECT *, (extract(epoch FROM started_at) * 1000000)::bigint::text AS started_us FROM source_runs
        WHERE source_id = $1
          AND ($2::bigint IS NULL OR (started_at, id) < (timestamptz 'epoch' + $2::bigint * interval '1 microsecond', $3::uuid))
        ORDER BY started_at DESC, id DESC LIMIT $4`,
      [sourceId, ...after, page.limit + 1],
    );
    return toPage(rows, page.limit, (row) => [Number(row.started_us), row.id], toRun);
  }
}
