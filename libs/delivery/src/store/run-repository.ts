import type { DataSource } from 'typeorm';

export type RunTrigger = 'changes' | 'snapshot' | 'replay';

/** Sync runs: `run_id` grows per subscription; only the dispatcher owning it opens and closes its runs. */
export class RunRepository {
  constructor(private readonly dataSource: DataSource) {}

  async open(subscriptionId: number, trigger: RunTrigger): Promise<{ runId: number; startedAt: number }> {
    const [row]: Array<{ run_id: number; started_at: Date }> = await this.dataSource.query(
      `INSERT INTO sync_runs (subscription_id, run_id, trigger)
       SELECT $1, coalesce(max(run_id), 0) + 1, $2 FROM sync_runs WHERE subscription_id = $1
       RETURNING run_id, started_at`,
      [subscriptionId, trigger],
    );
    return { runId: row.run_id, startedAt: row.started_at.getTime() };
  }

  async close(subscriptionId: number, runId: number, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE sync_runs SET status = 'completed', ended_at = now(), end_reason = $3
        WHERE subscription_id = $1 AND run_id = $2 AND status = 'running'`,
      [subscriptionId, runId, reason],
    );
  }

  /** Runs a previous owner left open (it stopped or lost its lease) are closed as interrupted. */
  async closeAbandoned(subscriptionId: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE sync_runs SET status = 'interrupted', ended_at = now(), end_reason = 'owner changed'
        WHERE subscription_id = $1 AND status = 'running'`,
      [subscriptionId],
    );
  }

  async addSuperseded(subscriptionId: number, runId: number, count: number): Promise<void> {
    await this.dataSource.query(`UPDATE sync_runs SET superseded = superseded + $3 WHERE subscription_id = $1 AND run_id = $2`, [
      subscriptionId, runId, count,
    ]);
  }
}
