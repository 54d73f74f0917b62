import type { DataSource } from 'typeorm';

export interface SnapshotJob {
  status: string;
  /** Snapshot rows the evaluator emitted for the request. */
  emitted: number;
  finishedAt: number | null;
}

/**
 * What a one-time export needs to know of the evaluator's snapshot job (the `backfill_jobs`
 * row of its request id, in the same database) and of the subscription's delivery queue.
 */
export class SnapshotJobRepository {
  constructor(private readonly dataSource: DataSource) {}

  async byRequestId(requestId: string): Promise<SnapshotJob | undefined> {
    const [row]: Array<{ status: string; emitted: number; finished_at: Date | null }> = await this.dataSource.query(
      `SELECT status, emitted, finished_at FROM backfill_jobs WHERE request_id = $1 AND kind = 'snapshot' ORDER BY id DESC LIMIT 1`,
      [requestId],
    );
    return row ? { status: row.status, emitted: row.emitted, finishedAt: row.finished_at ? row.finished_at.getTime() : null } : undefined;
  }

  async snapshotRowsQueued(subscriptionId: number): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM delivery_rows WHERE subscription_id = $1 AND origin = 'snapshot' LIMIT 1`, [subscriptionId]);
    return rows.length > 0;
  }
}
