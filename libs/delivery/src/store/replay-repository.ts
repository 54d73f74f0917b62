import { toPage, type Page, type PageRequest } from '@activation/configuration';
import type { DataSource } from 'typeorm';
import { idCursor } from './id-cursor';

export type ReplayStatus = 'requested' | 'reading' | 'delivering' | 'completed' | 'failed';

export interface ReplayRecord {
  id: string;
  subscriptionId: number;
  fromTime: number;
  status: ReplayStatus;
  requestedBy: string;
  requestedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  stagedRows: number;
  error: string | null;
}

interface ReplayRow {
  id: string;
  subscription_id: number;
  from_time: Date;
  status: ReplayStatus;
  requested_by: string;
  requested_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  staged_rows: number;
  error: string | null;
}

const COLUMNS = `id::text AS id, subscription_id, from_time, status, requested_by, requested_at, started_at, finished_at, staged_rows, error`;

/** Replay requests and their progress; the lease owner of the subscription's destination runs them. */
export class ReplayRepository {
  constructor(private readonly dataSource: DataSource) {}

  async request(subscriptionId: number, fromTime: number, requestedBy: string): Promise<ReplayRecord> {
    const [row]: ReplayRow[] = await this.dataSource.query(
      `INSERT INTO delivery_replays (subscription_id, from_time, requested_by) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
      [subscriptionId, new Date(fromTime), requestedBy],
    );
    return toRecord(row);
  }

  async find(subscriptionId: number, id: string): Promise<ReplayRecord | undefined> {
    const [row]: ReplayRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM delivery_replays WHERE subscription_id = $1 AND id = $2`, [
      subscriptionId, id,
    ]);
    return row ? toRecord(row) : undefined;
  }

  /** Replays, newest first; the cursor is the last replay's id. */
  async list(subscriptionId: number, page: PageRequest): Promise<Page<ReplayRecord>> {
    const rows: ReplayRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM delivery_replays WHERE subscription_id = $1 AND ($2::bigint IS NULL OR id < $2::bigint)
        ORDER BY delivery_replays.id DESC LIMIT $3`,
      [subscriptionId, idCursor(page), page.limit + 1],
    );
    return toPage(rows, page.limit, (row) => [String(row.id)], toRecord);
  }

  /** Replays not finished, of the given subscriptions, oldest first. */
  async open(subscriptionIds: readonly number[]): Promise<ReplayRecord[]> {
    if (subscriptionIds.length === 0) return [];
    const rows: ReplayRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM delivery_replays
        WHERE subscription_id = ANY($1::int[]) AND status IN ('requested', 'reading', 'delivering') ORDER BY delivery_replays.id`,
      [subscriptionIds],
    );
    return rows.map(toRecord);
  }

  async markReading(id: string, endOffsets: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE delivery_replays SET status = 'reading', started_at = coalesce(started_at, now()), end_offsets = $2, staged_rows = 0 WHERE id = $1`,
      [id, JSON.stringify(endOffsets)],
    );
  }

  async addStaged(id: string, count: number): Promise<void> {
    await this.dataSource.query(`UPDATE delivery_replays SET staged_rows = staged_rows + $2 WHERE id = $1`, [id, count]);
  }

  async markDelivering(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE delivery_replays SET status = 'delivering' WHERE id = $1`, [id]);
  }

  async finish(id: string, status: 'completed' | 'failed', error?: string): Promise<void> {
    await this.dataSource.query(`UPDATE delivery_replays SET status = $2, finished_at = now(), error = $3 WHERE id = $1`, [id, status, error ?? null]);
  }
}

function toRecord(row: ReplayRow): ReplayRecord {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    fromTime: row.from_time.getTime(),
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at.getTime(),
    startedAt: row.started_at?.getTime() ?? null,
    finishedAt: row.finished_at?.getTime() ?? null,
    stagedRows: row.staged_rows,
    error: row.error,
  };
}
