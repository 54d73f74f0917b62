import { backoffDelay, type BackoffPolicy } from '@activation/kafka';
import type { RetrySettings } from '../model/delivery-adapter';
import type { QueuedRow } from '../model/delivery-row';

export interface RetryTiming {
  backoff: BackoffPolicy;
  /** When immediate retries are used up, the row is tried again this much later (a later run). */
  deferMs: number;
  /** A row still failing this long after its first failure is dead-lettered. */
  retryWindowMs: number;
}

export type RetryDecision =
  | { kind: 'retry'; runAttempts: number; nextAttemptAt: number; deferred: boolean }
  | { kind: 'dead-letter' };

/**
 * What happens to a row its destination rejected: retried at once (up to the subscription's
 * attempts per run, with exponential backoff and full jitter), else deferred to a later run,
 * until the retry window since its first failure has passed; then it is dead-lettered.
 */
export function decideRetry(
  row: QueuedRow,
  runId: number,
  now: number,
  retry: RetrySettings,
  timing: RetryTiming,
  random: () => number = Math.random,
): RetryDecision {
  const firstFailedAt = row.firstFailedAt ?? now;
  const windowEnd = firstFailedAt + timing.retryWindowMs;
  if (now >= windowEnd) return { kind: 'dead-letter' };
  const runAttempts = (row.lastRunId === runId ? row.runAttempts : 0) + 1;
  const deferred = !(retry.mode === 'immediate' && runAttempts <= retry.attempts);
  const delay = deferred ? timing.deferMs / 2 + (random() * timing.deferMs) / 2 : backoffDelay(runAttempts, timing.backoff, random);
  // The last try happens at the end of the window, so a row is never dead-lettered untried.
  return { kind: 'retry', runAttempts, nextAttemptAt: Math.min(now + Math.round(delay), windowEnd), deferred };
}
