import type { DataSource } from 'typeorm';

/**
 * Drops call bodies after their retention, old history (calls, finished runs, dead letters,
 * replays, stale worker rows), and the queue and watermarks of subscriptions that no longer
 * exist (judged by the subscriptions table itself, never by a cache). Idempotent, so every
 * replica may run it.
 */
export async function cleanDeliveryHistory(dataSource: DataSource, bodyRetentionMs: number, historyRetentionMs: number): Promise<void> {
  await dataSource.query(
    `UPDATE sync_calls SET request = NULL, response = NULL
      WHERE started_at < now() - ($1::bigint * interval '1 millisecond') AND (request IS NOT NULL OR response IS NOT NULL)`,
    [bodyRetentionMs],
  );
  const history = [historyRetentionMs];
  await dataSource.query(`DELETE FROM sync_calls WHERE started_at < now() - ($1::bigint * interval '1 millisecond')`, history);
  await dataSource.query(
    `DELETE FROM sync_runs WHERE status <> 'running' AND ended_at < now() - ($1::bigint * interval '1 millisecond')`,
    history,
  );
  await dataSource.query(`DELETE FROM delivery_dead_letters WHERE dead_lettered_at < now() - ($1::bigint * interval '1 millisecond')`, history);
  await dataSource.query(
    `DELETE FROM delivery_replays WHERE finished_at < now() - ($1::bigint * interval '1 millisecond')`,
    history,
  );
  await dataSource.query(`DELETE FROM delivery_workers WHERE heartbeat_at < now() - interval '1 day'`);
  for (const table of ['delivery_rows', 'delivery_keys', 'delivery_subscription_state']) {
    await dataSource.query(`DELETE FROM ${table} t WHERE NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.id = t.subscription_id)`);
  }
}
