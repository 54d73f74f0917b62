import { Registry } from 'prom-client';
import type { DeliveryCall } from '../model/delivery-adapter';
import type { QueuedRow } from '../model/delivery-row';
import { DeliveryMetrics } from './delivery-metrics';

const row = (primaryKey: string, origin: QueuedRow['origin'], receivedAt?: number): QueuedRow => ({
  id: primaryKey, subscriptionId: 7, primaryKey, membershipVersion: 1, callType: 'NEW', eventId: primaryKey, origin, replayId: null, values: {},
  envelope: {
    profileId: primaryKey, audienceId: 'a', audienceNumber: 1, audienceSlug: 'a', audienceVersion: 1, identifiers: {}, timestamp: 0, enteredAt: 0,
    exitedAt: null, kind: 'transition', backfill: false, ...(receivedAt === undefined ? {} : { receivedAt }),
  },
  eventTime: 0, stagedAt: 0, attempts: 0, runAttempts: 0, lastRunId: null, deferred: false, firstFailedAt: null,
});

async function endToEnd(registry: Registry, series: 'count' | 'sum'): Promise<number> {
  const text = await registry.metrics();
  return Number(new RegExp(`^activation_end_to_end_latency_seconds_${series}\\{sync_id="7"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
}

describe('DeliveryMetrics end-to-end latency', () => {
  it('observes delivered live rows that carry their ingest time, and nothing else', async () => {
    const registry = new Registry();
    const metrics = new DeliveryMetrics(registry);
    const now = Date.now();
    const rows = [row('a', 'stream', now - 2_000), row('b', 'stream', now - 1_000), row('c', 'replay', now - 1_000), row('d', 'stream'), row('e', 'stream', now)];
    const call: DeliveryCall = { callId: 'c1', subscriptionId: 7, runId: 1, callType: 'NEW', rows, retry: false };
    metrics.callFinished(call, { outcome: 'partial', rejected: [{ primaryKey: 'e', reason: 'bad' }], latencyMs: 5 });
    expect(await endToEnd(registry, 'count')).toBe(2);
    expect(await endToEnd(registry, 'sum')).toBeGreaterThanOrEqual(3);
    expect(await endToEnd(registry, 'sum')).toBeLessThan(4);

    metrics.callFinished(call, { outcome: 'rejected', errorClass: 'http-status', reason: 'HTTP 500', latencyMs: 5 });
    expect(await endToEnd(registry, 'count')).toBe(2);
  });
});

async function sample(registry: Registry, name: string, labels: string): Promise<number> {
  const text = await registry.metrics();
  const escaped = labels.replace(/[{}]/g, '\\$&');
  return Number(new RegExp(`^${name}${escaped} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
}

describe('DeliveryMetrics rejections, retries and limit waits', () => {
  const call = (rows: QueuedRow[]): DeliveryCall => ({ callId: 'c', subscriptionId: 7, runId: 1, callType: 'NEW', rows, retry: false });

  it('counts rejected rows by error class: every row of a rejected call, the listed rows of a partial one', async () => {
    const registry = new Registry();
    const metrics = new DeliveryMetrics(registry);
    metrics.callFinished(call([row('a', 'stream'), row('b', 'stream'), row('c', 'stream')]), { outcome: 'rejected', errorClass: 'timeout', reason: 't', latencyMs: 1 });
    metrics.callFinished(call([row('d', 'stream'), row('e', 'stream')]), { outcome: 'partial', rejected: [{ primaryKey: 'e', reason: 'bad' }], latencyMs: 1 });
    metrics.callFinished(call([row('f', 'stream')]), { outcome: 'delivered', latencyMs: 1 });
    metrics.callFinished(call([row('g', 'stream')]), { outcome: 'throttled', retryAfterMs: 1_000, reason: 'HTTP 429', latencyMs: 1 });
    expect(await sample(registry, 'activation_delivery_rows_rejected_total', '{sync_id="7",error_class="timeout"}')).toBe(3);
    expect(await sample(registry, 'activation_delivery_rows_rejected_total', '{sync_id="7",error_class="rejected-rows"}')).toBe(1);
    expect((await registry.metrics()).match(/^activation_delivery_rows_rejected_total\{/gm)).toHaveLength(2);
  });

  it('labels calls with the error class the call log shows: rejected-rows for a partial answer, none for a throttled one', async () => {
    const registry = new Registry();
    const metrics = new DeliveryMetrics(registry);
    metrics.callFinished(call([row('a', 'stream'), row('b', 'stream')]), { outcome: 'partial', rejected: [{ primaryKey: 'b', reason: 'bad' }], latencyMs: 1 });
    metrics.callFinished(call([row('c', 'stream')]), { outcome: 'partial', rejected: [{ primaryKey: 'c', reason: 'bad' }], latencyMs: 1 });
    metrics.callFinished(call([row('d', 'stream')]), { outcome: 'rejected', errorClass: 'timeout', reason: 't', latencyMs: 1 });
    metrics.callFinished(call([row('e', 'stream')]), { outcome: 'delivered', latencyMs: 1 });
    metrics.callFinished(call([row('f', 'stream')]), { outcome: 'throttled', retryAfterMs: 1_000, reason: 'HTTP 429', latencyMs: 1 });
    expect(await sample(registry, 'activation_delivery_calls_total', '{sync_id="7",outcome="partial",error_class="rejected-rows"}')).toBe(2);
    expect(await sample(registry, 'activation_delivery_calls_total', '{sync_id="7",outcome="rejected",error_class="timeout"}')).toBe(1);
    expect(await sample(registry, 'activation_delivery_calls_total', '{sync_id="7",outcome="delivered",error_class=""}')).toBe(1);
    expect(await sample(registry, 'activation_delivery_calls_total', '{sync_id="7",outcome="throttled",error_class=""}')).toBe(1);
    expect((await registry.metrics()).match(/^activation_delivery_calls_total\{/gm)).toHaveLength(4);
  });

  it('counts retries by kind and dead letters from what a completion schedules', async () => {
    const registry = new Registry();
    const metrics = new DeliveryMetrics(registry);
    const failure = (id: string, deferred: boolean) => ({ id, runId: 1, runAttempts: 1, failedAt: 0, nextAttemptAt: 0, deferred, error: 'x' });
    metrics.completionBuilt(7, {
      deliveredIds: ['1'], failures: [failure('2', false), failure('3', false), failure('4', true)], throttled: [{ id: '5', nextAttemptAt: 0, error: 'x' }],
      deadLetters: [{ id: '6', runId: 1, reason: 'x' }], calls: [], runCounts: [], states: [],
    });
    expect(await sample(registry, 'activation_delivery_retries_total', '{sync_id="7",kind="immediate"}')).toBe(2);
    expect(await sample(registry, 'activation_delivery_retries_total', '{sync_id="7",kind="deferred"}')).toBe(1);
    expect(await sample(registry, 'activation_delivery_retries_total', '{sync_id="7",kind="throttled"}')).toBe(1);
    expect(await sample(registry, 'activation_delivery_rows_dead_lettered_total', '{sync_id="7"}')).toBe(1);
  });

  it('observes permit waits by cause, leaving out calls that did not wait', async () => {
    const registry = new Registry();
    const metrics = new DeliveryMetrics(registry);
    metrics.permitWaited(7, {});
    metrics.permitWaited(7, { rate: 250, 'retry-after': 1_500 });
    expect(await sample(registry, 'activation_delivery_limit_wait_seconds_count', '{sync_id="7",cause="rate"}')).toBe(1);
    expect(await sample(registry, 'activation_delivery_limit_wait_seconds_sum', '{sync_id="7",cause="rate"}')).toBe(0.25);
    expect(await sample(registry, 'activation_delivery_limit_wait_seconds_sum', '{sync_id="7",cause="retry-after"}')).toBe(1.5);
    expect(await sample(registry, 'activation_delivery_limit_wait_seconds_count', '{sync_id="7",cause="concurrency"}')).toBe(0);
  });
});
