import type { DataSource } from 'typeorm';
import type { QueuedRow } from '../model/delivery-row';
import { QUEUED_ROW_COLUMNS, toQueuedRow, type QueuedRowRecord } from './row-mapping';

/**
 * Reads a subscription's queue for its dispatcher. Only the dispatcher that holds the lease of
 * the subscription's destination calls these, so rows need no claim column: the dispatcher
 * passes the ids it holds (fetched or in flight) and they are left alone.
 */
export class QueueRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Rows due now that are the oldest version of their key. A key whose older row is in flight or
   * waiting for retry has none here, so calls for one key never overtake each other.
   */
  async fetchReady(subscriptionId: number, held: readonly string[], limit: number): Promise<QueuedRow[]> {
    const records: QueuedRowRecord[] = await this.dataSource.query(
      `SELECT ${QUEUED_ROW_COLUMNS}
         FROM delivery_rows r
        WHERE r.subscription_id = $1
          AND r.next_attempt_at <= now()
          AND NOT (r.id = ANY($2::bigint[]))
          AND NOT EXISTS (
                SELECT 1 FROM delivery_rows o
                 WHERE o.subscription_id = $1 AND o.primary_key = r.primary_key AND o.membership_version < r.membership_version)
        ORDER BY r.id
        LIMIT $3`,
      [subscriptionId, held, limit],
    );
    return records.map(toQueuedRow);
  }

  /**
   * Milliseconds until `fetchReady` can return a row (undefined when none is waiting). Only heads
   * of keys count: a newer version waiting behind a head in flight or waiting for retry is
   * not due, however old it is, or the dispatcher would poll without pause until the head moves.
   */
  async msUntilNextDue(subscriptionId: number, held: readonly string[]): Promise<number | undefined> {
    const [row]: Array<{ wait_ms: number }> = await this.dataSource.query(
      `SELECT greatest(0, extract(epoch FROM r.next_attempt_at - now()) * 1000)::float8 AS wait_ms
         FROM delivery_rows r
        WHERE r.subscription_id = $1
          AND NOT (r.id = ANY($2::bigint[]))
          AND NOT EXISTS (
                SELECT 1 FROM delivery_rows o
                 WHERE o.subscription_id = $1 AND o.primary_key = r.primary_key AND o.membership_version < r.membership_version)
        ORDER BY r.next_attempt_at
        LIMIT 1`,
      [subscriptionId, held],
    );
    return row?.wait_ms;
  }

  /**
   * The supersede rule: a row waiting for retry in a later run (its immediate retries used up)
   * is dropped when a newer change of its key is queued; the newer row is delivered instead. If the dropped row was an `add` (NEW) and the
   * newer one a `change` (MODIFIED), the newer one becomes an `add`: the destination never
   * confirmed the row exists. Rows the dispatcher holds are never dropped. Returns how many
   * rows were superseded.
   */
  async supersedeDeferred(subscriptionId: number, held: readonly string[]): Promise<number> {
    const [result]: Array<{ superseded: number }> = await this.dataSource.query(
      `WITH removed AS (
         DELETE FROM delivery_rows w
          WHERE w.subscription_id = $1 AND w.deferred AND NOT (w.id = ANY($2::bigint[]))
            AND EXISTS (SELECT 1 FROM delivery_rows n
                         WHERE n.subscription_id = $1 AND n.primary_key = w.primary_key AND n.membership_version > w.membership_version)
         RETURNING w.primary_key, w.call_type, w.membership_version
       ), promoted AS (
         UPDATE delivery_rows r SET call_type = 'NEW'
           FROM removed
          WHERE removed.call_type = 'NEW' AND r.call_type = 'MODIFIED'
            AND r.subscription_id = $1 AND r.primary_key = removed.primary_key
            AND r.membership_version = (SELECT min(x.membership_version) FROM delivery_rows x
                                         WHERE x.subscription_id = $1 AND x.primary_key = removed.primary_key
                                           AND x.membership_version > removed.membership_version)
         RETURNING r.id
       )
       SELECT (SELECT count(*) FROM removed)::int AS superseded, (SELECT count(*) FROM promoted)::int AS promoted`,
      [subscriptionId, held],
    );
    return result?.superseded ?? 0;
  }

  /** True when the subscription has more than `rows` rows queued (reads at most rows + 1). */
  async queuedMoreThan(subscriptionId: number, rows: number): Promise<boolean> {
    const [row]: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM delivery_rows WHERE subscription_id = $1 LIMIT $2) queued`,
      [subscriptionId, rows + 1],
    );
    return row.n > rows;
  }

  /**
   * Bounds a backlog that outgrew its limit: of each key's queued versions only the oldest (next
   * to go, maybe in flight) and the newest stay, so the queue holds at most two rows per key.
   * If a dropped version was an `add` (the member re-entered) and the newest is a `change`, the
   * newest becomes an `add`. Returns how many rows were dropped (counted as superseded).
   */
  async compact(subscriptionId: number, held: readonly string[]): Promise<number> {
    const [result]: Array<{ dropped: number }> = await this.dataSource.query(
      `WITH ranked AS (
         SELECT id, membership_version,
                min(membership_version) OVER (PARTITION BY primary_key) AS oldest,
                max(membership_version) OVER (PARTITION BY primary_key) AS newest
           FROM delivery_rows WHERE subscription_id = $1
       ), dropped AS (
         DELETE FROM delivery_rows d USING ranked r
          WHERE d.id = r.id AND r.membership_version > r.oldest AND r.membership_version < r.newest AND NOT (d.id = ANY($2::bigint[]))
         RETURNING d.primary_key, d.call_type
       ), promoted AS (
         UPDATE delivery_rows l SET call_type = 'NEW'
          WHERE l.subscription_id = $1 AND l.call_type = 'MODIFIED'
            AND l.primary_key IN (SELECT primary_key FROM dropped WHERE call_type = 'NEW')
            AND l.membership_version = (SELECT max(x.membership_version) FROM delivery_rows x
                                         WHERE x.subscription_id = $1 AND x.primary_key = l.primary_key)
         RETURNING l.id
       )
       SELECT (SELECT count(*) FROM dropped)::int AS dropped, (SELECT count(*) FROM promoted)::int AS promoted`,
      [subscriptionId, held],
    );
    return result?.dropped ?? 0;
  }

  /** True when some row of the replay is still queued. */
  async replayHasRows(replayId: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM delivery_rows WHERE replay_id = $1 LIMIT 1`, [replayId]);
    return rows.length > 0;
  }
}
