import { queuedRow } from '../testing/membership-fixtures';
import { decideRetry } from './retry-policy';

const timing = { backoff: { initialMs: 100, maxMs: 1_000 }, deferMs: 60_000, retryWindowMs: 3_600_000 };
const half = () => 0.5;

describe('decideRetry', () => {
  const now = 1_000_000;

  it('retries at once with growing backoff, then defers to a later run', () => {
    const fresh = queuedRow({ id: '1', primaryKey: 'a' });
    expect(decideRetry(fresh, 7, now, { mode: 'immediate', attempts: 2 }, timing, half)).toEqual({ kind: 'retry', runAttempts: 1, nextAttemptAt: now + 75, deferred: false });
    const second = queuedRow({ id: '1', primaryKey: 'a', runAttempts: 1, lastRunId: 7, firstFailedAt: now - 10 });
    expect(decideRetry(second, 7, now, { mode: 'immediate', attempts: 2 }, timing, half)).toEqual({ kind: 'retry', runAttempts: 2, nextAttemptAt: now + 150, deferred: false });
    const third = queuedRow({ id: '1', primaryKey: 'a', runAttempts: 2, lastRunId: 7, firstFailedAt: now - 10 });
    expect(decideRetry(third, 7, now, { mode: 'immediate', attempts: 2 }, timing, half)).toEqual({ kind: 'retry', runAttempts: 3, nextAttemptAt: now + 45_000, deferred: true });
  });

  it('starts counting again in a new run, and defers at once in next-run mode', () => {
    const row = queuedRow({ id: '1', primaryKey: 'a', runAttempts: 5, lastRunId: 3, firstFailedAt: now - 10 });
    expect(decideRetry(row, 4, now, { mode: 'immediate', attempts: 2 }, timing, half)).toMatchObject({ runAttempts: 1, nextAttemptAt: now + 75, deferred: false });
    expect(decideRetry(row, 4, now, { mode: 'next-run', attempts: 2 }, timing, half)).toMatchObject({ nextAttemptAt: now + 45_000, deferred: true });
  });

  it('tries last at the end of the retry window, then dead-letters', () => {
    const late = queuedRow({ id: '1', primaryKey: 'a', firstFailedAt: now - timing.retryWindowMs + 1_000 });
    expect(decideRetry(late, 1, now, { mode: 'next-run', attempts: 0 }, timing, half)).toMatchObject({ nextAttemptAt: now + 1_000 });
    const expired = queuedRow({ id: '1', primaryKey: 'a', firstFailedAt: now - timing.retryWindowMs });
    expect(decideRetry(expired, 1, now, { mode: 'immediate', attempts: 3 }, timing, half)).toEqual({ kind: 'dead-letter' });
  });
});
