import type { EntityManager } from 'typeorm';
import type { AlertRule, RejectedRateSettings, SyncFailingSettings } from '../model/alert-rule';
import type { SubscriptionFacts } from '../evaluation/subscription-facts';

type Queryable = Pick<EntityManager, 'query'>;

/** Reads, from the delivery state tables, what one rule needs to be judged. */
export class FactsRepository {
  constructor(private readonly db: Queryable) {}

  async factsFor(rule: AlertRule): Promise<SubscriptionFacts> {
    const facts: SubscriptionFacts = { recentRuns: [], failingSince: null, queuedRows: 0, oldestQueuedAt: null };
    const syncId = rule.subscriptionId;
    if (rule.kind === 'sync-failing') {
      const settings = rule.settings as SyncFailingSettings;
      if (settings.consecutiveFailedRuns !== undefined) facts.recentRuns = await this.recentRuns(syncId, settings.consecutiveFailedRuns);
      if (settings.failingForSeconds !== undefined) facts.failingSince = await this.failingSince(syncId);
    } else if (rule.kind === 'rejected-rate') {
      facts.window = await this.rejectedInWindow(syncId, (rule.settings as RejectedRateSettings).windowSeconds);
    } else {
      Object.assign(facts, await this.queue(syncId));
    }
    return facts;
  }

  /** Finished runs that made calls, newest first, with the rows each delivered. */
  private async recentRuns(syncId: number, limit: number): Promise<SubscriptionFacts['recentRuns']> {
    const rows: Array<{ run_id: number; delivered: number }> = await this.db.query(
      `SELECT run_id, (added + changed + removed)::int AS delivered FROM sync_runs
        WHERE subscription_id = $1 AND status <> 'running' AND calls > 0 ORDER BY run_id DESC LIMIT $2`,
      [syncId, limit],
    );
    return rows.map((row) => ({ runId: row.run_id, delivered: row.delivered }));
  }

  /**
   * The first failed call after the last success, while the subscription is failing (as its status
   * shows it). A failed call is a rejected one or a partial one that rejected every row it carried
   * (the delivery framework's everyRowRejected, in SQL: change both together).
   */
  private async failingSince(syncId: number): Promise<number | null> {
    const [row] = await this.db.query(
      `SELECT (SELECT min(c.started_at) FROM sync_calls c
                WHERE c.subscription_id = s.subscription_id
                  AND (c.outcome = 'rejected'
                       OR (c.outcome = 'partial' AND cardinality(c.primary_keys) > 0
                           AND c.primary_keys <@ ARRAY(SELECT r ->> 'primary_key_value' FROM jsonb_array_elements(c.rejected) r)))
                  AND c.started_at >= coalesce(s.last_success_at, '-infinity')) AS since,
              s.last_error_at
         FROM delivery_subscription_state s
        WHERE s.subscription_id = $1 AND s.consecutive_failures > 0
          AND s.last_error_at >= coalesce(s.last_success_at, '-infinity')`,
      [syncId],
    );
    if (!row) return null;
    const since: Date | null = row.since ?? row.last_error_at;
    return since ? since.getTime() : null;
  }

  /** Rows sent (throttled calls sent nothing) and rows rejected, in calls started within the window. */
  private async rejectedInWindow(syncId: number, windowSeconds: number): Promise<{ rows: number; rejected: number }> {
    const [row] = await this.db.query(
      `SELECT coalesce(sum(row_count) FILTER (WHERE outcome <> 'throttled'), 0)::int AS rows,
              coalesce(sum(CASE outcome WHEN 'rejected' THEN row_count WHEN 'partial' THEN jsonb_array_length(rejected) ELSE 0 END), 0)::int AS rejected
         FROM sync_calls WHERE subscription_id = $1 AND started_at > now() - make_interval(secs => $2)`,
      [syncId, windowSeconds],
    );
    return { rows: row.rows, rejected: row.rejected };
  }

  /** Undelivered rows and when the oldest was queued (queue time, so a replay or backfill of old changes is not lag). */
  private async queue(syncId: number): Promise<Pick<SubscriptionFacts, 'queuedRows' | 'oldestQueuedAt'>> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS queued, min(staged_at) AS oldest FROM delivery_rows WHERE subscription_id = $1`,
      [syncId],
    );
    return { queuedRows: row.queued, oldestQueuedAt: row.oldest ? (row.oldest as Date).getTime() : null };
  }
}
