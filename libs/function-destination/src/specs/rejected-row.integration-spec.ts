import { CONFIGURATION_ENTITIES } from '@activation/configuration';
import type { CallType } from '@activation/contracts';
import { createTestBus, createTestSchema, testDatabaseUrl, testKafkaBrokers, waitFor } from '@activation/testing';
import { membershipEvent } from '../testing/membership-event';
import { insertAudience, insertFunctionDestination, insertSubscription } from '../testing/configuration-fixtures';
import { DeliveryHarness } from '../testing/delivery-harness';
import { FunctionServer, type ReceivedCall, type Reply } from '../testing/function-server';

/** Profiles whose first version the function rejects every time (as too large), as seed 000's `errors` list. */
const REJECTED = new Set(['p1', 'p3']);
const REASON = 'row too large';
/** Immediate retries of the subscription; after them a row is deferred. */
const ATTEMPTS = 2;

interface QueueEntry {
  membership_version: number;
  attempts: number;
  deferred: boolean;
}

function answer(call: ReceivedCall): Reply {
  const errors = call.payload.rows
    .filter((row) => REJECTED.has(String(row['profile_id'])) && row['v'] === 1)
    .map((row) => ({ primary_key_value: row['profile_id'], reason: REASON }));
  return errors.length > 0 ? { body: { errors } } : {};
}

/**
 * One subscription whose function rejects one profile's row every time (a `partial` answer):
 * the other profiles' rows queued behind it are delivered at once, while the rejected row runs
 * through its retries, deferral and dead letter; its own key's newer change waits behind it
 * until it is deferred, then supersedes it.
 */
describe('function invoker: a rejected row holds back only its own key', () => {
  let harness: DeliveryHarness;
  let server: FunctionServer;
  let syncId: number;
  let audienceId: string;

  const event = (profileId: string, version = 1, callType: CallType = 'NEW') =>
    membershipEvent({ audienceId, profileId, membershipVersion: version, callType, projected: { v: version } });
  const queueOf = (profileId: string) =>
    harness.query<QueueEntry>(
      `SELECT membership_version, attempts, deferred FROM delivery_rows WHERE subscription_id = $1 AND primary_key = $2 ORDER BY membership_version`,
      [syncId, profileId],
    );
  const sentOf = (profileId: string) =>
    server.calls.flatMap((call) => call.payload.rows.filter((row) => row['profile_id'] === profileId).map((row) => [call.payload.operation, row['v']]));
  const delivered = async (profileId: string) => sentOf(profileId).length > 0 && (await queueOf(profileId)).length === 0;
  /** Scans of this schema's queue table so far (Postgres publishes them about once a second). */
  const queueReads = async () => {
    const [stats] = await harness.query<{ reads: number }>(
      `SELECT (coalesce(seq_scan, 0) + coalesce(idx_scan, 0))::int AS reads FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = 'delivery_rows'`,
      [harness.schema.name],
    );
    return stats.reads;
  };
  const firstRejection = (profileId: string) =>
    waitFor(async () => (await queueOf(profileId)).some((row) => row.attempts > 0), 30_000, `the first rejection of ${profileId}`);

  beforeAll(async () => {
    harness = await new DeliveryHarness(
      { schema: await createTestSchema({ entities: CONFIGURATION_ENTITIES }), bus: createTestBus('rejected-row-spec'), brokers: testKafkaBrokers(), databaseUrl: testDatabaseUrl() },
      // Immediate retries take 3 to 6 s, then a deferred try every 0.5 to 1 s until 10 s after the first failure.
      { partitions: 1, delivery: { backoff: { initialMs: 2_000, maxMs: 4_000 }, deferMs: 1_000, retryWindowMs: 10_000 } },
    ).setUp();
    server = await FunctionServer.start(answer);
    audienceId = await insertAudience(harness.dataSource, ['v']);
    const destinationId = await insertFunctionDestination(harness.dataSource, harness.cipher, { url: server.url });
    syncId = await insertSubscription(harness.dataSource, {
      audienceId, destinationId, fields: ['v'], settings: { batchSize: 10, retry: { mode: 'immediate', attempts: ATTEMPTS } },
    });
    await harness.startEngine();
  });

  afterAll(async () => {
    await harness?.tearDown();
    await server?.close();
  });

  it('rows of other profiles queued behind the rejected row are delivered while it is retried, deferred and dead-lettered', async () => {
    await harness.publish([event('p1')]);
    await firstRejection('p1');

    // Queued while p1's row waits for an immediate retry.
    await harness.publish([event('p2')]);
    await waitFor(() => delivered('p2'), 30_000, 'p2 delivered');
    expect(await queueOf('p1')).toEqual([expect.objectContaining({ membership_version: 1, deferred: false })]);

    // Queued while p1's row waits for a later run.
    await waitFor(async () => (await queueOf('p1')).some((row) => row.deferred), 30_000, 'p1 deferred');
    await harness.publish([event('p4')]);
    await waitFor(() => delivered('p4'), 30_000, 'p4 delivered');
    expect(await queueOf('p1')).toEqual([expect.objectContaining({ membership_version: 1 })]);

    const [letter] = await waitFor(
      async () => {
        const rows = await harness.query<{ primary_key: string; reason: string; attempts: number }>(
          `SELECT primary_key, reason, attempts FROM delivery_dead_letters WHERE subscription_id = $1 AND primary_key = 'p1'`,
          [syncId],
        );
        return rows.length > 0 && rows;
      },
      30_000,
      'p1 dead-lettered',
    );
    expect(letter).toMatchObject({ primary_key: 'p1', reason: REASON });
    expect(letter.attempts).toBeGreaterThan(ATTEMPTS + 1);
    expect(await queueOf('p1')).toEqual([]);

    expect(sentOf('p2')).toEqual([['add', 1]]);
    expect(sentOf('p4')).toEqual([['add', 1]]);
    const calls = await harness.query<{ outcome: string; retry: boolean; primary_keys: string[]; rejected: unknown[] }>(
      `SELECT outcome, retry, primary_keys, rejected FROM sync_calls WHERE subscription_id = $1 AND primary_keys && '{p1,p2,p4}' ORDER BY id`,
      [syncId],
    );
    // A retried row goes out only with other retried rows: p1's calls never carry the fresh rows.
    for (const call of calls.filter((entry) => entry.primary_keys.includes('p1'))) {
      expect(call).toMatchObject({ outcome: 'partial', primary_keys: ['p1'], rejected: [{ primary_key_value: 'p1', reason: REASON }] });
    }
    expect(calls.filter((entry) => !entry.primary_keys.includes('p1'))).toEqual([
      { outcome: 'delivered', retry: false, primary_keys: ['p2'], rejected: [] },
      { outcome: 'delivered', retry: false, primary_keys: ['p4'], rejected: [] },
    ]);

    // Every rejection of p1 is on /metrics: rejected rows, its retries (immediate, then deferred), its dead letter.
    const metric = async (name: string, labels: string) => {
      const text = await harness.metrics.registry.metrics();
      const line = text.split('\n').find((entry) => entry.startsWith(`${name}{sync_id="${syncId}"${labels}} `));
      return Number(line?.split(' ')[1] ?? 0);
    };
    const p1Calls = calls.filter((entry) => entry.primary_keys.includes('p1')).length;
    expect(await metric('activation_delivery_rows_rejected_total', ',error_class="rejected-rows"')).toBe(p1Calls);
    expect(await metric('activation_delivery_retries_total', ',kind="immediate"')).toBeGreaterThanOrEqual(ATTEMPTS);
    expect(await metric('activation_delivery_retries_total', ',kind="deferred"')).toBeGreaterThanOrEqual(1);
    expect((await metric('activation_delivery_retries_total', ',kind="immediate"')) + (await metric('activation_delivery_retries_total', ',kind="deferred"'))).toBe(p1Calls - 1);
    expect(await metric('activation_delivery_rows_dead_lettered_total', '')).toBe(1);
  });

  it("the rejected row's own newer change waits behind it while it is retried, then supersedes it once it is deferred", async () => {
    await harness.publish([event('p3')]);
    await firstRejection('p3');
    await harness.publish([event('p3', 2, 'MODIFIED')]);
    const queued = await waitFor(async () => {
      const rows = await queueOf('p3');
      return rows.length === 2 && rows;
    }, 30_000, "p3's newer change queued");
    // It arrived while the older row was still in its immediate retries (never superseded).
    expect(queued[0]).toMatchObject({ membership_version: 1, deferred: false });
    // Waiting behind its head, it is not sendable: the dispatcher sleeps instead of polling the
    // queue without pause (which read it about 800 times a second).
    const before = await queueReads();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await queueReads()) - before).toBeLessThan(400);

    await waitFor(() => delivered('p3'), 30_000, "p3's newer change delivered");
    const sent = sentOf('p3');
    // Every try of version 1 came first (all its immediate retries), then version 2 as an add:
    // the destination never confirmed the row exists.
    expect(sent.at(-1)).toEqual(['add', 2]);
    const older = sent.slice(0, -1);
    expect(older.length).toBeGreaterThanOrEqual(ATTEMPTS + 1);
    expect(new Set(older.map((entry) => entry.join()))).toEqual(new Set(['add,1']));
    const [counts] = await harness.query(`SELECT sum(superseded)::int AS superseded FROM sync_runs WHERE subscription_id = $1`, [syncId]);
    expect(counts).toEqual({ superseded: 1 });
    expect(await harness.query(`SELECT 1 FROM delivery_dead_letters WHERE subscription_id = $1 AND primary_key = 'p3'`, [syncId])).toEqual([]);
  });
});
