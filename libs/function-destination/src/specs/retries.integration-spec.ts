import { CONFIGURATION_ENTITIES } from '@activation/configuration';
import type { CallType } from '@activation/contracts';
import { createTestBus, createTestSchema, testDatabaseUrl, testKafkaBrokers, waitFor } from '@activation/testing';
import { membershipEvent } from '../testing/membership-event';
import { insertAudience, insertFunctionDestination, insertSubscription } from '../testing/configuration-fixtures';
import { DeliveryHarness } from '../testing/delivery-harness';
import { FunctionServer, type Behavior } from '../testing/function-server';

interface CallRow {
  outcome: string;
  error_class: string | null;
  error: string | null;
  primary_keys: string[];
  retry: boolean;
  http_status: number | null;
}

/** Whole-call failures, Retry-After, the retry window and the supersede rule, against real HTTP functions. */
describe('function invoker: retries, throttling, dead letters', () => {
  let harness: DeliveryHarness;
  const servers: FunctionServer[] = [];
  const subscriptions: Record<string, { id: number; audienceId: string; server: FunctionServer }> = {};

  const setUpSubscription = async (name: string, behavior: Behavior, settings: Record<string, unknown>, destination: Record<string, unknown> = {}) => {
    const server = await FunctionServer.start(behavior);
    servers.push(server);
    const audienceId = await insertAudience(harness.dataSource, ['v']);
    const destinationId = await insertFunctionDestination(harness.dataSource, harness.cipher, { url: server.url, ...destination });
    const id = await insertSubscription(harness.dataSource, { audienceId, destinationId, fields: ['v'], settings });
    subscriptions[name] = { id, audienceId, server };
  };
  const event = (name: string, profileId: string, version = 1, callType: CallType = 'NEW') =>
    membershipEvent({ audienceId: subscriptions[name].audienceId, profileId, membershipVersion: version, callType, projected: { v: version } });
  const callsOf = (name: string) =>
    harness.query<CallRow>(
      `SELECT outcome, error_class, error, primary_keys, retry, http_status FROM sync_calls WHERE subscription_id = $1 ORDER BY id`,
      [subscriptions[name].id],
    );
  const metricOf = async (metric: string, name: string, labels: string) => {
    const prefix = `${metric}{sync_id="${subscriptions[name].id}"${labels}} `;
    const line = (await harness.metrics.registry.metrics()).split('\n').find((entry) => entry.startsWith(prefix));
    return Number(line?.slice(prefix.length) ?? 0);
  };
  const queueOf = async (name: string) => (await harness.query(`SELECT 1 FROM delivery_rows WHERE subscription_id = $1`, [subscriptions[name].id])).length;

  beforeAll(async () => {
    harness = await new DeliveryHarness(
      { schema: await createTestSchema({ entities: CONFIGURATION_ENTITIES }), bus: createTestBus('retries-spec'), brokers: testKafkaBrokers(), databaseUrl: testDatabaseUrl() },
      { partitions: 1, delivery: { retryWindowMs: 4_000, deferMs: 500, backoff: { initialMs: 100, maxMs: 400 } } },
    ).setUp();
    const batchOfThree = { batchSize: 3, retry: { mode: 'immediate', attempts: 3 } };
    await setUpSubscription('http500', (call) => (call.index === 0 ? { status: 500, body: 'boom' } : {}), batchOfThree);
    await setUpSubscription('timeout', (call) => (call.index === 0 ? { hang: true } : {}), batchOfThree, { timeoutMs: 500 });
    await setUpSubscription('throttled', (call) => (call.index === 0 ? { status: 429, headers: { 'retry-after': '1' } } : {}), { retry: { mode: 'immediate', attempts: 0 } });
    await setUpSubscription('broken', () => ({ status: 500, body: 'permanently broken' }), { retry: { mode: 'immediate', attempts: 2 } });
    await setUpSubscription('supersede', (call) => (call.payload.rows[0]?.['v'] === 1 ? { status: 500 } : {}), { retry: { mode: 'next-run', attempts: 0 } });
    await harness.publish([
      ...['a', 'b', 'c'].map((key) => event('http500', key)),
      ...['a', 'b', 'c'].map((key) => event('timeout', key)),
      event('throttled', 'a'),
      event('broken', 'doomed'),
    ]);
    await harness.startEngine();
  });

  afterAll(async () => {
    await harness.tearDown();
    await Promise.all(servers.map((server) => server.close()));
  });

  it.each([
    ['http500', 'http-status'],
    ['timeout', 'timeout'],
  ])('%s: the whole batch is rejected and retried, then delivered', async (name, errorClass) => {
    await waitFor(async () => (await queueOf(name)) === 0 && subscriptions[name].server.calls.length >= 2, 30_000, `${name} delivered`);
    const [first, second] = subscriptions[name].server.calls;
    expect(first.payload.rows.map((row) => row['profile_id'])).toEqual(['a', 'b', 'c']);
    expect(second.payload.rows.map((row) => row['profile_id'])).toEqual(['a', 'b', 'c']);
    const calls = await callsOf(name);
    expect(calls[0]).toMatchObject({ outcome: 'rejected', error_class: errorClass, primary_keys: ['a', 'b', 'c'], retry: false });
    expect(calls[1]).toMatchObject({ outcome: 'delivered', primary_keys: ['a', 'b', 'c'], retry: true });
    const [run] = await harness.query(
      `SELECT sum(rejected)::int AS rejected, sum(retried)::int AS retried, sum(added)::int AS added FROM sync_runs WHERE subscription_id = $1`,
      [subscriptions[name].id],
    );
    expect(run).toEqual({ rejected: 3, retried: 3, added: 3 });
    expect(await metricOf('activation_delivery_rows_rejected_total', name, `,error_class="${errorClass}"`)).toBe(3);
    expect(await metricOf('activation_delivery_retries_total', name, ',kind="immediate"')).toBe(3);
  });

  it('429 with Retry-After: waits, and the wait uses no attempt', async () => {
    const { server } = subscriptions['throttled'];
    await waitFor(async () => (await queueOf('throttled')) === 0 && server.calls.length >= 2, 30_000, 'the throttled row delivered');
    expect(server.calls[1].arrivedAt - server.calls[0].arrivedAt).toBeGreaterThanOrEqual(950);
    const calls = await callsOf('throttled');
    expect(calls.map((call) => [call.outcome, call.http_status, call.retry])).toEqual([
      ['throttled', 429, false],
      ['delivered', 200, false],
    ]);
    const [run] = await harness.query(
      `SELECT sum(throttled)::int AS throttled, sum(rejected)::int AS rejected, sum(added)::int AS added FROM sync_runs WHERE subscription_id = $1`,
      [subscriptions['throttled'].id],
    );
    expect(run).toEqual({ throttled: 1, rejected: 0, added: 1 });
    expect(await metricOf('activation_delivery_retries_total', 'throttled', ',kind="throttled"')).toBe(1);
    expect(await metricOf('activation_delivery_calls_total', 'throttled', ',outcome="throttled",error_class=""')).toBe(1);
    expect((await harness.metrics.registry.metrics()).includes(`activation_delivery_rows_rejected_total{sync_id="${subscriptions['throttled'].id}"`)).toBe(false);
  });

  it('a row still failing after the retry window is in the dead-letter table with its reason', async () => {
    const id = subscriptions['broken'].id;
    const [letter] = await waitFor(
      async () => {
        const rows = await harness.query<{ primary_key: string; reason: string; attempts: number; call_type: string; row_values: unknown }>(
          `SELECT primary_key, reason, attempts, call_type, row_values FROM delivery_dead_letters WHERE subscription_id = $1`,
          [id],
        );
        return rows.length > 0 && rows;
      },
      30_000,
      'the dead letter',
    );
    expect(letter).toMatchObject({ primary_key: 'doomed', call_type: 'NEW', row_values: { v: 1 } });
    expect(letter.reason).toBe('http-status: HTTP 500: permanently broken');
    expect(letter.attempts).toBeGreaterThanOrEqual(3);
    expect(await queueOf('broken')).toBe(0);
    const [state] = await harness.query(`SELECT last_error_class, consecutive_failures FROM delivery_subscription_state WHERE subscription_id = $1`, [id]);
    expect(state).toMatchObject({ last_error_class: 'http-status' });
    const [runs] = await harness.query(`SELECT sum(dead_lettered)::int AS dead FROM sync_runs WHERE subscription_id = $1`, [id]);
    expect(runs).toEqual({ dead: 1 });
  });

  it('a newer change supersedes a row waiting for a later run, and an add stays an add', async () => {
    const { server, id } = subscriptions['supersede'];
    await harness.publish([event('supersede', 'x', 1, 'NEW')]);
    await waitFor(async () => (await harness.query(`SELECT 1 FROM delivery_rows WHERE subscription_id = $1 AND deferred`, [id])).length === 1, 30_000, 'the deferred row');
    await harness.publish([event('supersede', 'x', 2, 'MODIFIED')]);
    await waitFor(async () => (await queueOf('supersede')) === 0, 30_000, 'the newer change delivered');
    const sent = server.calls.map((call) => [call.payload.operation, call.payload.rows[0]['v']]);
    expect(sent.at(-1)).toEqual(['add', 2]);
    expect(new Set(sent.slice(0, -1).map((entry) => entry.join()))).toEqual(new Set(['add,1']));
    const [run] = await harness.query(`SELECT sum(superseded)::int AS superseded FROM sync_runs WHERE subscription_id = $1`, [id]);
    expect(run).toEqual({ superseded: 1 });
  });
});
