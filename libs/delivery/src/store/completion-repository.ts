import type { DataSource, EntityManager } from 'typeorm';
import type { CompletionBatch, RunCounts, StateUpdate } from './completion';

const COUNT_COLUMNS = ['calls', 'added', 'changed', 'removed', 'rejected', 'retried', 'throttled', 'superseded', 'dead_lettered'] as const;

/** Writes what finished calls changed: the queue, dead letters, the call log, run counts, status. */
export class CompletionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async apply(batch: CompletionBatch): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (batch.deliveredIds.length > 0) {
        await manager.query(`DELETE FROM delivery_rows WHERE id = ANY($1::bigint[])`, [batch.deliveredIds]);
      }
      if (batch.failures.length > 0) await this.recordFailures(manager, batch);
      if (batch.throttled.length > 0) {
        await manager.query(
          `UPDATE delivery_rows r SET next_attempt_at = u.next_at, last_error = u.error
             FROM jsonb_to_recordset($1::jsonb) AS u(id bigint, next_at timestamptz, error text)
            WHERE r.id = u.id`,
          [JSON.stringify(batch.throttled.map((row) => ({ id: row.id, next_at: iso(row.nextAttemptAt), error: row.error })))],
        );
      }
      if (batch.deadLetters.length > 0) await this.moveToDeadLetters(manager, batch);
      if (batch.calls.length > 0) await this.recordCalls(manager, batch);
      if (batch.runCounts.length > 0) await addRunCounts(manager, batch.runCounts);
      if (batch.states.length > 0) await updateStates(manager, batch.states);
    });
  }

  private async recordFailures(manager: EntityManager, batch: CompletionBatch): Promise<void> {
    await manager.query(
      `UPDATE delivery_rows r
          SET attempts = r.attempts + 1, run_attempts = u.run_attempts, last_run_id = u.run_id, deferred = u.deferred,
              first_failed_at = coalesce(r.first_failed_at, u.failed_at), next_attempt_at = u.next_at, last_error = u.error
         FROM jsonb_to_recordset($1::jsonb) AS u(id bigint, run_id int, run_attempts int, failed_at timestamptz, next_at timestamptz, deferred boolean, error text)
        WHERE r.id = u.id`,
      [
        JSON.stringify(
          batch.failures.map((row) => ({
            id: row.id, run_id: row.runId, run_attempts: row.runAttempts, failed_at: iso(row.failedAt), next_at: iso(row.nextAttemptAt), deferred: row.deferred, error: row.error,
          })),
        ),
      ],
    );
  }

  private async moveToDeadLetters(manager: EntityManager, batch: CompletionBatch): Promise<void> {
    await manager.query(
      `WITH moved AS (
         DELETE FROM delivery_rows r
          USING jsonb_to_recordset($1::jsonb) AS u(id bigint, run_id int, reason text)
          WHERE r.id = u.id
         RETURNING r.subscription_id, u.run_id, r.primary_key, r.membership_version, r.call_type, r.event_id, r.row_values,
                   r.envelope, r.attempts, u.reason, r.first_failed_at, r.staged_at
       )
       INSERT INTO delivery_dead_letters
         (subscription_id, run_id, primary_key, membership_version, call_type, event_id, row_values, envelope, attempts, reason, first_failed_at, staged_at)
       SELECT subscription_id, run_id, primary_key, membership_version, call_type, event_id, row_values, envelope, attempts + 1, reason,
              coalesce(first_failed_at, now()), staged_at
         FROM moved`,
      [JSON.stringify(batch.deadLetters.map((row) => ({ id: row.id, run_id: row.runId, reason: row.reason })))],
    );
  }

  /** Through `json`, not `jsonb`: the request is kept with its keys in the order it was sent. */
  private async recordCalls(manager: EntityManager, batch: CompletionBatch): Promise<void> {
    await manager.query(
      `INSERT INTO sync_calls (subscription_id, run_id, started_at, operation, row_count, retry, outcome, http_status, latency_ms,
                               error_class, error, primary_keys, trace_ids, rejected, request, response)
       SELECT subscription_id, run_id, started_at, operation, row_count, retry, outcome, http_status, latency_ms,
              error_class, error, primary_keys, coalesce(trace_ids, '{}'), coalesce(rejected, '[]'::jsonb), request, response
         FROM json_to_recordset($1::json) AS c(subscription_id int, run_id int, started_at timestamptz, operation text, row_count int,
              retry boolean, outcome text, http_status int, latency_ms int, error_class text, error text, primary_keys text[],
              trace_ids text[], rejected jsonb, request json, response text)`,
      [
        JSON.stringify(
          batch.calls.map((call) => ({
            subscription_id: call.subscriptionId, run_id: call.runId, started_at: iso(call.startedAt), operation: call.operation,
            row_count: call.rowCount, retry: call.retry, outcome: call.outcome, http_status: call.httpStatus, latency_ms: Math.round(call.latencyMs),
            error_class: call.errorClass, error: call.error, primary_keys: call.primaryKeys, trace_ids: call.traceIds, rejected: call.rejected,
            request: call.request ?? null, response: call.response,
          })),
        ),
      ],
    );
  }
}

export async function addRunCounts(manager: EntityManager, counts: readonly RunCounts[]): Promise<void> {
  const summed = new Map<string, RunCounts>();
  for (const count of counts) {
    const key = `${count.subscriptionId}:${count.runId}`;
    const total = summed.get(key);
    if (!total) summed.set(key, { ...count });
    else for (const name of Object.keys(count) as Array<keyof RunCounts>) if (name !== 'subscriptionId' && name !== 'runId') total[name] += count[name];
  }
  const rows = [...summed.values()].map((count) => ({
    subscription_id: count.subscriptionId, run_id: count.runId, calls: count.calls, added: count.added, changed: count.changed,
    removed: count.removed, rejected: count.rejected, retried: count.retried, throttled: count.throttled,
    superseded: count.superseded, dead_lettered: count.deadLettered,
  }));
  await manager.query(
    `UPDATE sync_runs r SET ${COUNT_COLUMNS.map((column) => `${column} = r.${column} + u.${column}`).join(', ')}
       FROM jsonb_to_recordset($1::jsonb) AS u(subscription_id int, run_id int, ${COUNT_COLUMNS.map((column) => `${column} int`).join(', ')})
      WHERE r.subscription_id = u.subscription_id AND r.run_id = u.run_id`,
    [JSON.stringify(rows)],
  );
}

/** Keeps the latest outcome per subscription: last success, last error (class, text, time), failures in a row. */
async function updateStates(manager: EntityManager, updates: readonly StateUpdate[]): Promise<void> {
  const ordered = [...updates].sort((a, b) => a.at - b.at);
  const bySubscription = new Map<number, { success?: number; error?: StateUpdate; failures: number; pausedUntil?: number }>();
  for (const update of ordered) {
    const state = bySubscription.get(update.subscriptionId) ?? { failures: 0 };
    if (update.success) {
      state.success = update.at;
      state.failures = 0;
    } else {
      state.error = update;
      state.failures += 1;
    }
    if (update.pausedUntil !== undefined) state.pausedUntil = update.pausedUntil;
    bySubscription.set(update.subscriptionId, state);
  }
  const rows = [...bySubscription.entries()].map(([subscriptionId, state]) => ({
    subscription_id: subscriptionId,
    success_at: state.success === undefined ? null : iso(state.success),
    error_at: state.error ? iso(state.error.at) : null,
    error_class: state.error?.errorClass ?? null,
    error: state.error?.error ?? null,
    failures: state.failures,
    paused_until: state.pausedUntil === undefined ? null : iso(state.pausedUntil),
  }));
  await manager.query(
    `INSERT INTO delivery_subscription_state AS s
       (subscription_id, last_success_at, last_error_at, last_error_class, last_error, consecutive_failures, paused_until)
     SELECT subscription_id, success_at, error_at, error_class, error, failures, paused_until
       FROM jsonb_to_recordset($1::jsonb) AS u(subscription_id int, success_at timestamptz, error_at timestamptz, error_class text,
            error text, failures int, paused_until timestamptz)
     ON CONFLICT (subscription_id) DO UPDATE SET
       last_success_at = coalesce(EXCLUDED.last_success_at, s.last_success_at),
       last_error_at = coalesce(EXCLUDED.last_error_at, s.last_error_at),
       last_error_class = coalesce(EXCLUDED.last_error_class, s.last_error_class),
       last_error = coalesce(EXCLUDED.last_error, s.last_error),
       consecutive_failures = CASE WHEN EXCLUDED.last_success_at IS NOT NULL THEN EXCLUDED.consecutive_failures
                                   ELSE s.consecutive_failures + EXCLUDED.consecutive_failures END,
       paused_until = coalesce(EXCLUDED.paused_until, s.paused_until),
       updated_at = now()`,
    [JSON.stringify(rows)],
  );
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
