import type { CallResult, DeliveryCall, RetrySettings } from '../model/delivery-adapter';
import type { QueuedRow } from '../model/delivery-row';
import { everyRowRejected } from '../model/rejected-rows';
import { emptyCompletion, type CompletionBatch, type RunCounts } from '../store/completion';
import { callTraceIds } from './call-trace';
import { decideRetry, type RetryTiming } from './retry-policy';

export interface CompletionInput {
  call: DeliveryCall;
  result: CallResult;
  /** Epoch ms the call started and ended. */
  startedAt: number;
  endedAt: number;
  retry: RetrySettings;
  timing: RetryTiming;
  /** Retry-After is capped at this. */
  maxRetryAfterMs: number;
  random?: () => number;
}

/**
 * Turns one call's result into the changes to write: delivered rows leave the queue, rejected
 * ones are scheduled again or dead-lettered (see decideRetry), throttled ones wait for the
 * destination's Retry-After without using an attempt; plus the call's record, run counts and
 * subscription status. A call counts as a success of the subscription when it delivered at least
 * one row: a `partial` answer that rejected every row is a failure (`rejected-rows`).
 */
export function buildCompletion(input: CompletionInput): CompletionBatch {
  const { call, result, endedAt: now } = input;
  const batch = emptyCompletion();
  const counts: RunCounts = {
    subscriptionId: call.subscriptionId, runId: call.runId, calls: 1, added: 0, changed: 0, removed: 0,
    rejected: 0, retried: call.rows.filter((row) => row.attempts > 0).length, throttled: 0, superseded: 0, deadLettered: 0,
  };
  const rejectedReasons = rejectedRows(call.rows, result);
  // One jitter per call: the rows a call got back are due again together and retried together.
  const jitter = (input.random ?? Math.random)();
  if (result.outcome === 'throttled') {
    counts.throttled = 1;
    const nextAttemptAt = now + Math.min(result.retryAfterMs, input.maxRetryAfterMs);
    for (const row of call.rows) batch.throttled.push({ id: row.id, nextAttemptAt, error: result.reason });
  } else {
    for (const row of call.rows) {
      const reason = rejectedReasons.get(row.primaryKey);
      if (reason === undefined) {
        batch.deliveredIds.push(row.id);
        countDelivered(counts, row);
        continue;
      }
      counts.rejected += 1;
      const decision = decideRetry(row, call.runId, now, input.retry, input.timing, () => jitter);
      if (decision.kind === 'dead-letter') {
        counts.deadLettered += 1;
        batch.deadLetters.push({ id: row.id, runId: call.runId, reason });
      } else {
        batch.failures.push({ id: row.id, runId: call.runId, runAttempts: decision.runAttempts, failedAt: now, nextAttemptAt: decision.nextAttemptAt, deferred: decision.deferred, error: reason });
      }
    }
  }
  batch.runCounts.push(counts);
  batch.calls.push({
    subscriptionId: call.subscriptionId,
    runId: call.runId,
    startedAt: input.startedAt,
    operation: call.callType,
    rowCount: call.rows.length,
    retry: call.retry,
    outcome: result.outcome,
    httpStatus: result.httpStatus ?? null,
    latencyMs: result.latencyMs,
    errorClass: errorClassOf(result),
    error: result.outcome === 'rejected' || result.outcome === 'throttled' ? result.reason : rejectedRowsSummary(call.rows, rejectedReasons) ?? null,
    primaryKeys: call.rows.map((row) => row.primaryKey),
    traceIds: callTraceIds(call.rows),
    rejected: result.outcome === 'partial' ? result.rejected.map((row) => ({ primary_key_value: row.primaryKey, reason: row.reason })) : [],
    request: result.request,
    response: result.response ?? null,
  });
  const nothingDelivered = everyRowRejected(call, result);
  batch.states.push({
    subscriptionId: call.subscriptionId,
    at: now,
    success: result.outcome === 'delivered' || (result.outcome === 'partial' && !nothingDelivered),
    errorClass: errorClassOf(result) ?? undefined,
    error: result.outcome === 'rejected' || result.outcome === 'throttled' ? result.reason : nothingDelivered ? rejectedRowsSummary(call.rows, rejectedReasons) : undefined,
    pausedUntil: result.outcome === 'throttled' ? now + Math.min(result.retryAfterMs, input.maxRetryAfterMs) : undefined,
  });
  return batch;
}

/** Primary key → reason, for every row the result rejects. */
function rejectedRows(rows: readonly QueuedRow[], result: CallResult): Map<string, string> {
  if (result.outcome === 'rejected') return new Map(rows.map((row) => [row.primaryKey, `${result.errorClass}: ${result.reason}`]));
  if (result.outcome === 'partial') return new Map(result.rejected.map((row) => [row.primaryKey, row.reason]));
  return new Map();
}

/**
 * What a `partial` answer rejected, in words, for the call log and the subscription status (the
 * same text in both); undefined when it rejected none of the call's rows.
 */
function rejectedRowsSummary(rows: readonly QueuedRow[], reasons: ReadonlyMap<string, string>): string | undefined {
  const rejected = rows.filter((row) => reasons.has(row.primaryKey));
  if (rejected.length === 0) return undefined;
  const first = reasons.get(rejected[0].primaryKey);
  if (rejected.length < rows.length) return `${rejected.length} of ${rows.length} rows rejected (first: ${first})`;
  return rows.length === 1 ? `the row was rejected: ${first}` : `all ${rows.length} rows were rejected (first: ${first})`;
}

function countDelivered(counts: RunCounts, row: QueuedRow): void {
  if (row.callType === 'NEW') counts.added += 1;
  else if (row.callType === 'MODIFIED') counts.changed += 1;
  else counts.removed += 1;
}

function errorClassOf(result: CallResult): string | null {
  if (result.outcome === 'rejected') return result.errorClass;
  if (result.outcome === 'throttled') return 'throttled';
  if (result.outcome === 'partial') return 'rejected-rows';
  return null;
}
