import { decodeCursor, encodeCursor, toPage, type Page, type PageRequest } from '@activation/configuration';
import type { DataSource } from 'typeorm';
import { idCursor } from './id-cursor';

export interface SyncRunRecord {
  syncId: number;
  syncRunId: number;
  trigger: string;
  status: string;
  startedAt: string;
  endedAt: string | null;
  endReason: string | null;
  counts: { calls: number; added: number; changed: number; removed: number; rejected: number; retried: number; throttled: number; superseded: number; deadLettered: number };
}

export interface SyncCallRecord {
  id: string;
  startedAt: string;
  /** NEW, MODIFIED or REMOVED (a function call's `add`, `change`, `remove`). */
  callType: string;
  rowCount: number;
  retry: boolean;
  outcome: string;
  httpStatus: number | null;
  latencyMs: number;
  errorClass: string | null;
  error: string | null;
  primaryKeys: string[];
  /** W3C trace ids of the changes the call delivered (distinct, at most 20); search the logs for `traceId`. */
  traceIds: string[];
  rejected: Array<{ primary_key_value: string; reason: string }>;
  /** Null once the body retention has passed. */
  request: unknown;
  response: string | null;
}

export interface DeadLetteredRow {
  id: string;
  syncRunId: number | null;
  primaryKey: string;
  membershipVersion: number;
  callType: string;
  values: unknown;
  attempts: number;
  reason: string;
  firstFailedAt: string | null;
  deadLetteredAt: string;
}

const RUN_COLUMNS = `subscription_id, run_id, trigger, status, started_at, ended_at, end_reason, calls, added, changed, removed, rejected,
  retried, throttled, superseded, dead_lettered`;

/** What the admin API reads of delivery: runs, their calls (the live debugger), dead letters, lease owners. */
export class HistoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs, newest first; the cursor is the last run's (start in microseconds, subscription, run). */
  async runs(filter: { syncId?: number; status?: string }, page: PageRequest): Promise<Page<SyncRunRecord>> {
    const after = page.cursor ? decodeCursor(page.cursor, ['number', 'number', 'number']) : [null, null, null];
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${RUN_COLUMNS}, (extract(epoch FROM started_at) * 1000000)::bigint::text AS started_us FROM sync_runs
        WHERE ($1::int IS NULL OR subscription_id = $1) AND ($2::text IS NULL OR status = $2)
          AND ($3::bigint IS NULL OR (started_at, subscription_id, run_id)
            < (timestamptz 'epoch' + $3::bigint * interval '1 microsecond', $4::int, $5::int))
        ORDER BY started_at DESC, subscription_id DESC, run_id DESC LIMIT $6`,
      [filter.syncId ?? null, filter.status ?? null, ...after, page.limit + 1],
    );
    return toPage(rows, page.limit, (row) => [Number(row['started_us']), row['subscription_id'] as number, row['run_id'] as number], toRun);
  }

  async run(syncId: number, syncRunId: number): Promise<SyncRunRecord | undefined> {
    const [row] = await this.dataSource.query(`SELECT ${RUN_COLUMNS} FROM sync_runs WHERE subscription_id = $1 AND run_id = $2`, [syncId, syncRunId]);
    return row ? toRun(row) : undefined;
  }

  /**
   * Calls of a run in the order they were made; the cursor is the last call's id. A running run
   * gets new calls, so the last page's cursor is not null: it is where new calls will start
   * (the request's own cursor when the page is empty), and polling with it follows the run live.
   */
  async calls(syncId: number, syncRunId: number, page: PageRequest): Promise<Page<SyncCallRecord>> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT id::text AS id, started_at, operation, row_count, retry, outcome, http_status, latency_ms, error_class, error, primary_keys,
              trace_ids, rejected, request, response
         FROM sync_calls WHERE subscription_id = $1 AND run_id = $2 AND ($3::bigint IS NULL OR id > $3::bigint)
        ORDER BY sync_calls.id LIMIT $4`,
      [syncId, syncRunId, idCursor(page), page.limit + 1],
    );
    const calls = toPage(rows, page.limit, (row) => [row['id'] as string], (row) => ({
      id: row['id'] as string,
      startedAt: (row['started_at'] as Date).toISOString(),
      callType: row['operation'] as string,
      rowCount: row['row_count'] as number,
      retry: row['retry'] as boolean,
      outcome: row['outcome'] as string,
      httpStatus: row['http_status'] as number | null,
      latencyMs: row['latency_ms'] as number,
      errorClass: row['error_class'] as string | null,
      error: row['error'] as string | null,
      primaryKeys: row['primary_keys'] as string[],
      traceIds: row['trace_ids'] as string[],
      rejected: row['rejected'] as SyncCallRecord['rejected'],
      request: row['request'],
      response: row['response'] as string | null,
    }));
    const last = calls.items[calls.items.length - 1];
    return { items: calls.items, nextCursor: calls.nextCursor ?? (last ? encodeCursor([last.id]) : (page.cursor ?? null)) };
  }

  /** Dead-lettered rows, newest first; the cursor is the last row's id. */
  async deadLetters(syncId: number, page: PageRequest): Promise<Page<DeadLetteredRow>> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT id::text AS id, run_id, primary_key, membership_version, call_type, row_values, attempts, reason, first_failed_at, dead_lettered_at
         FROM delivery_dead_letters WHERE subscription_id = $1 AND ($2::bigint IS NULL OR id < $2::bigint)
        ORDER BY delivery_dead_letters.id DESC LIMIT $3`,
      [syncId, idCursor(page), page.limit + 1],
    );
    return toPage(rows, page.limit, (row) => [row['id'] as string], (row) => ({
      id: row['id'] as string,
      syncRunId: row['run_id'] as number | null,
      primaryKey: row['primary_key'] as string,
      membershipVersion: row['membership_version'] as number,
      callType: row['call_type'] as string,
      values: row['row_values'],
      attempts: row['attempts'] as number,
      reason: row['reason'] as string,
      firstFailedAt: (row['first_failed_at'] as Date | null)?.toISOString() ?? null,
      deadLetteredAt: (row['dead_lettered_at'] as Date).toISOString(),
    }));
  }

  async leaseOwner(destinationId: string): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT owner FROM delivery_leases WHERE scope = $1 AND expires_at > now()`, [destinationId]);
    return row?.owner ?? null;
  }
}

function toRun(row: Record<string, unknown>): SyncRunRecord {
  const count = (name: string) => row[name] as number;
  return {
    syncId: row['subscription_id'] as number,
    syncRunId: row['run_id'] as number,
    trigger: row['trigger'] as string,
    status: row['status'] as string,
    startedAt: (row['started_at'] as Date).toISOString(),
    endedAt: (row['ended_at'] as Date | null)?.toISOString() ?? null,
    endReason: row['end_reason'] as string | null,
    counts: {
      calls: count('calls'), added: count('added'), changed: count('changed'), removed: count('removed'), rejected: count('rejected'),
      retried: count('retried'), throttled: count('throttled'), superseded: count('superseded'), deadLettered: count('dead_lettered'),
    },
  };
}
