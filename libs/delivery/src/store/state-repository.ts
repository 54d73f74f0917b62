import type { DataSource } from 'typeorm';

export interface SubscriptionDeliveryState {
  subscriptionId: number;
  lastSuccessAt: number | null;
  lastErrorAt: number | null;
  lastErrorClass: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  pausedUntil: number | null;
  initialSyncRequestedAt: number | null;
}

export interface QueueFigures {
  pending: number;
  /** Rows that failed at least once and are queued again. */
  waitingForRetry: number;
  /** Of those, rows whose immediate retries are used up (they wait for a later run). */
  deferred: number;
  /** Epoch ms of the oldest queued event; the lag is measured from it. */
  oldestEventTime: number | null;
  deadLetters: number;
}

/** Per-subscription status: the latest outcome, the queue, and initial-sync bookkeeping. */
export class StateRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(subscriptionId: number): Promise<SubscriptionDeliveryState | undefined> {
    const [row] = await this.dataSource.query(`SELECT * FROM delivery_subscription_state WHERE subscription_id = $1`, [subscriptionId]);
    if (!row) return undefined;
    return {
      subscriptionId: row.subscription_id,
      lastSuccessAt: time(row.last_success_at),
      lastErrorAt: time(row.last_error_at),
      lastErrorClass: row.last_error_class,
      lastError: row.last_error,
      consecutiveFailures: row.consecutive_failures,
      pausedUntil: time(row.paused_until),
      initialSyncRequestedAt: time(row.initial_sync_requested_at),
    };
  }

  async queueFigures(subscriptionId: number): Promise<QueueFigures> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM delivery_rows WHERE subscription_id = $1)::int AS pending,
              (SELECT count(*) FROM delivery_rows WHERE subscription_id = $1 AND attempts > 0)::int AS waiting,
              (SELECT count(*) FROM delivery_rows WHERE subscription_id = $1 AND deferred)::int AS deferred,
              (SELECT min(event_time) FROM delivery_rows WHERE subscription_id = $1) AS oldest,
              (SELECT count(*) FROM delivery_dead_letters WHERE subscription_id = $1)::int AS dead_letters`,
      [subscriptionId],
    );
    return { pending: row.pending, waitingForRetry: row.waiting, deferred: row.deferred, oldestEventTime: time(row.oldest), deadLetters: row.dead_letters };
  }

  /** Marks the initial sync as asked for; false when it was already (another replica got there first). */
  async claimInitialSync(subscriptionId: number, requestId: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `INSERT INTO delivery_subscription_state AS s (subscription_id, initial_sync_requested_at, initial_sync_request_id)
       VALUES ($1, now(), $2)
       ON CONFLICT (subscription_id) DO UPDATE SET initial_sync_requested_at = now(), initial_sync_request_id = $2, updated_at = now()
         WHERE s.initial_sync_requested_at IS NULL
       RETURNING subscription_id`,
      [subscriptionId, requestId],
    );
    return rows.length > 0;
  }

  async releaseInitialSync(subscriptionId: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE delivery_subscription_state SET initial_sync_requested_at = NULL, initial_sync_request_id = NULL WHERE subscription_id = $1`,
      [subscriptionId],
    );
  }

  async recordError(subscriptionId: number, errorClass: string, error: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO delivery_subscription_state AS s (subscription_id, last_error_at, last_error_class, last_error, consecutive_failures)
       VALUES ($1, now(), $2, $3, 1)
       ON CONFLICT (subscription_id) DO UPDATE SET last_error_at = now(), last_error_class = $2, last_error = $3,
         consecutive_failures = s.consecutive_failures + 1, updated_at = now()`,
      [subscriptionId, errorClass, error],
    );
  }
}

function time(value: Date | null | undefined): number | null {
  return value ? value.getTime() : null;
}
