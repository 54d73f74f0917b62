import type { CallResult, DeliveryCall } from '../model/delivery-adapter';
import { queuedRow } from '../testing/membership-fixtures';
import { buildCompletion } from './build-completion';

const call: DeliveryCall = {
  callId: 'c', subscriptionId: 5, runId: 2, callType: 'NEW', retry: false,
  rows: [queuedRow({ id: '1', primaryKey: 'a' }), queuedRow({ id: '2', primaryKey: 'b' }), queuedRow({ id: '3', primaryKey: 'c', attempts: 1 })],
};
const complete = (result: CallResult) =>
  buildCompletion({
    call, result, startedAt: 1_000, endedAt: 2_000, retry: { mode: 'immediate', attempts: 3 }, maxRetryAfterMs: 60_000,
    timing: { backoff: { initialMs: 100, maxMs: 1_000 }, deferMs: 10_000, retryWindowMs: 100_000 }, random: () => 1,
  });

describe('buildCompletion', () => {
  it('delivers every row of a successful call and counts it', () => {
    const batch = complete({ outcome: 'delivered', latencyMs: 12, httpStatus: 200 });
    expect(batch.deliveredIds).toEqual(['1', '2', '3']);
    expect(batch.runCounts).toEqual([expect.objectContaining({ calls: 1, added: 3, retried: 1, rejected: 0 })]);
    expect(batch.calls[0]).toMatchObject({ outcome: 'delivered', primaryKeys: ['a', 'b', 'c'], traceIds: [], latencyMs: 12 });
  });

  it('retries only the rows the function rejected, with their reasons', () => {
    const batch = complete({ outcome: 'partial', rejected: [{ primaryKey: 'b', reason: 'Email not found' }], latencyMs: 5 });
    expect(batch.deliveredIds).toEqual(['1', '3']);
    expect(batch.failures).toEqual([{ id: '2', runId: 2, runAttempts: 1, failedAt: 2_000, nextAttemptAt: 2_100, deferred: false, error: 'Email not found' }]);
    expect(batch.calls[0].rejected).toEqual([{ primary_key_value: 'b', reason: 'Email not found' }]);
  });

  it('keeps the subscription healthy when a partial answer delivered some rows', () => {
    const batch = complete({ outcome: 'partial', rejected: [{ primaryKey: 'b', reason: 'Email not found' }], latencyMs: 5 });
    expect(batch.calls[0]).toMatchObject({ outcome: 'partial', errorClass: 'rejected-rows', error: '1 of 3 rows rejected (first: Email not found)' });
    expect(batch.states[0]).toMatchObject({ success: true, error: undefined });
  });

  it('counts a partial answer that rejected every row as a failure of the subscription, its rows retried alone as before', () => {
    const rejected = ['a', 'b', 'c'].map((primaryKey) => ({ primaryKey, reason: `bad ${primaryKey}` }));
    const batch = complete({ outcome: 'partial', rejected, latencyMs: 5 });
    expect(batch.deliveredIds).toEqual([]);
    expect(batch.failures.map((row) => [row.id, row.error])).toEqual([['1', 'bad a'], ['2', 'bad b'], ['3', 'bad c']]);
    // The call log says what the status says.
    expect(batch.calls[0]).toMatchObject({ outcome: 'partial', errorClass: 'rejected-rows', error: 'all 3 rows were rejected (first: bad a)' });
    expect(batch.states[0]).toEqual({
      subscriptionId: 5, at: 2_000, success: false, errorClass: 'rejected-rows', error: 'all 3 rows were rejected (first: bad a)', pausedUntil: undefined,
    });
  });

  it('names the only row of a one-row call that was rejected, in the call log and the status alike', () => {
    const single: DeliveryCall = { ...call, rows: [queuedRow({ id: '1', primaryKey: 'a' })] };
    const batch = buildCompletion({
      call: single, result: { outcome: 'partial', rejected: [{ primaryKey: 'a', reason: 'rejected by receiver' }], latencyMs: 5 },
      startedAt: 1_000, endedAt: 2_000, retry: { mode: 'immediate', attempts: 3 }, maxRetryAfterMs: 60_000,
      timing: { backoff: { initialMs: 100, maxMs: 1_000 }, deferMs: 10_000, retryWindowMs: 100_000 }, random: () => 1,
    });
    expect(batch.calls[0].error).toBe('the row was rejected: rejected by receiver');
    expect(batch.states[0].error).toBe('the row was rejected: rejected by receiver');
  });

  it('records no error on a call that delivered every row', () => {
    expect(complete({ outcome: 'partial', rejected: [], latencyMs: 5 }).calls[0].error).toBeNull();
    expect(complete({ outcome: 'delivered', latencyMs: 5 }).calls[0].error).toBeNull();
  });

  it('rejects every row of a failed call', () => {
    const batch = complete({ outcome: 'rejected', errorClass: 'timeout', reason: 'no answer', latencyMs: 5 });
    expect(batch.deliveredIds).toEqual([]);
    expect(batch.failures.map((row) => [row.id, row.error])).toEqual([['1', 'timeout: no answer'], ['2', 'timeout: no answer'], ['3', 'timeout: no answer']]);
    expect(batch.states[0]).toMatchObject({ success: false, errorClass: 'timeout' });
  });

  it('waits for Retry-After without using an attempt', () => {
    const batch = complete({ outcome: 'throttled', retryAfterMs: 3_000, reason: 'HTTP 429', latencyMs: 5 });
    expect(batch.failures).toEqual([]);
    expect(batch.throttled.map((row) => row.nextAttemptAt)).toEqual([5_000, 5_000, 5_000]);
    expect(batch.runCounts[0]).toMatchObject({ throttled: 1, rejected: 0 });
  });
});
