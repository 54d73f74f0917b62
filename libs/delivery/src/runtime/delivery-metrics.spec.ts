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
