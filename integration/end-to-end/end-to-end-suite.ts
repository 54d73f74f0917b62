import { FunctionServer, type ReceivedCall } from '../../libs/function-destination/src/testing/function-server';
import { waitFor } from '@activation/testing';
import { startPlatform, type PlatformMode, type PlatformUnderTest } from './platform-under-test';

const BUS_INDICATOR: Record<PlatformMode, string> = { embedded: 'embedded-log', 'kafka-postgres': 'kafka' };

/**
 * One body for every way the platform runs: profile changes and events go in through the ingester,
 * the evaluator decides membership, and the function invoker calls a real HTTP receiver with
 * NEW (add), MODIFIED (change) and REMOVED (remove) rows.
 */
export function endToEndSuite(mode: PlatformMode, portOffset: number): void {
  describe(`end to end on ${mode}`, () => {
    let platform: PlatformUnderTest;
    let receiver: FunctionServer;
    let ingestKey: string;
    let stopped = false;

    const admin = async (method: string, path: string, body?: unknown): Promise<any> => {
      const response = await fetch(`${platform.adminUrl}${path}`, {
        method,
        headers: { 'x-api-key': platform.adminKey, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return text ? JSON.parse(text) : undefined;
    };
    const ingest = async (path: string, body: unknown) => {
      const response = await fetch(`${platform.ingesterUrl}${path}`, {
        method: 'POST',
        headers: { 'x-api-key': ingestKey, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(202);
      expect(await response.json()).toMatchObject({ rejected: 0 });
    };
    /** The first call (after `since`) carrying this operation for this profile. */
    const delivered = (operation: string, profileId: string, since: number) =>
      waitFor(
        async () =>
          receiver.calls.slice(since).find((call: ReceivedCall) =>
            call.payload.operation === operation && call.payload.rows.some((row) => row['profile_id'] === profileId)),
        60_000,
        `${operation} of ${profileId}`,
      );

    beforeAll(async () => {
      receiver = await FunctionServer.start();
      platform = await startPlatform(mode, portOffset);
    }, 180_000);

    afterAll(async () => {
      if (platform && !stopped) await platform.stop();
      await receiver?.close();
    }, 60_000);

    it('reports ready, naming the message bus in use', async () => {
      for (const url of platform.serviceUrls) {
        const ready = await fetch(`${url}/health/ready`);
        expect(ready.status).toBe(200);
        expect(((await ready.json()) as { details: unknown }).details).toEqual({ [BUS_INDICATOR[mode]]: { status: 'up' }, postgres: { status: 'up' } });
      }
    });

    it('turns profile changes and events into NEW, MODIFIED and REMOVED calls of a function destination', async () => {
      ingestKey = (await admin('POST', '/v1/api-keys', { name: 'e2e-ingest', roles: ['ingest'] })).key;
      const audience = await admin('POST', '/v1/audiences', {
        name: 'Gold or buyers',
        slug: 'gold-or-buyers',
        rule: { any: [{ attribute: 'tier', operator: 'equals', value: 'gold' }, { event: 'purchase', count: { atLeast: 1 }, withinLastDays: 30 }] },
        projectedVariables: ['tier', 'email'],
      });
      const destination = await admin('POST', '/v1/destinations', {
        name: 'e2e-receiver', kind: 'function', settings: { url: receiver.url }, secrets: { functionKey: 'e2e-function-key' },
      });
      const subscription = await admin('POST', '/v1/subscriptions', {
        name: 'gold-or-buyers-to-receiver', audienceId: audience.id, destinationId: destination.id, projection: { fields: ['tier', 'email'] },
      });

      await ingest('/v1/profiles', { changes: [{ profileId: 'p-1', set: { tier: 'gold', email: 'ada@example.com' } }] });
      const entered = await delivered('add', 'p-1', 0);
      expect(entered.payload).toEqual({
        operation: 'add',
        primary_key_column: 'profile_id',
        rows: [{ profile_id: 'p-1', tier: 'gold', email: 'ada@example.com' }],
        metadata: { api_version: 1, sync_id: subscription.id, sync_run_id: expect.any(Number) },
      });
      expect(entered.headers['x-functions-key']).toBe('e2e-function-key');

      let since = receiver.calls.length;
      await ingest('/v1/profiles', { changes: [{ profileId: 'p-1', set: { email: 'ada@example.org' } }] });
      expect((await delivered('change', 'p-1', since)).payload.rows).toEqual([{ profile_id: 'p-1', tier: 'gold', email: 'ada@example.org' }]);

      since = receiver.calls.length;
      await ingest('/v1/profiles', { changes: [{ profileId: 'p-1', set: { tier: 'silver' } }] });
      // A removed row carries the last values it was delivered with.
      expect((await delivered('remove', 'p-1', since)).payload.rows).toEqual([{ profile_id: 'p-1', tier: 'gold', email: 'ada@example.org' }]);

      since = receiver.calls.length;
      await ingest('/v1/events', { events: [{ profileId: 'p-2', name: 'purchase', properties: { amount: 10 } }] });
      expect((await delivered('add', 'p-2', since)).payload.rows).toEqual([{ profile_id: 'p-2', tier: null, email: null }]);
    }, 240_000);

    it('answers a retry with the same Idempotency-Key once, with the first answer', async () => {
      const send = () =>
        fetch(`${platform.ingesterUrl}/v1/profiles`, {
          method: 'POST',
          headers: { 'x-api-key': ingestKey, 'content-type': 'application/json', 'idempotency-key': `retry-${mode}` },
          body: JSON.stringify({ changes: [{ profileId: 'p-3', set: { tier: 'bronze' } }] }),
        });
      const first = await send();
      expect(first.status).toBe(202);
      const firstBody = await first.json();
      const retry = await send();
      expect(retry.status).toBe(202);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(await retry.json()).toEqual(firstBody);
      // The ingester is still accepting: a request without a key goes straight through.
      await ingest('/v1/profiles', { changes: [{ profileId: 'p-3', set: { tier: 'silver' } }] });
    }, 60_000);

    it('stops cleanly on SIGTERM', async () => {
      stopped = true;
      const { code, output } = await platform.stop();
      // The output is part of the comparison so a failure shows why the platform did not stop cleanly.
      expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
    }, 60_000);
  });
}
