import { CONFIGURATION_ENTITIES } from '@activation/configuration';
import type { CallType, MembershipEventMessage } from '@activation/contracts';
import { createTestBus, createTestSchema, testDatabaseUrl, testKafkaBrokers, waitFor } from '@activation/testing';
import { membershipEvent } from '../testing/membership-event';
import { insertAudience, insertFunctionDestination, insertSubscription } from '../testing/configuration-fixtures';
import { DeliveryHarness } from '../testing/delivery-harness';
import { FunctionServer } from '../testing/function-server';

const KEYS = 1_000;
const VERSIONS = 10;

/**
 * 10,000 transitions (1,000 keys × 10 versions) to a function that fails 30% of calls at
 * random: half before doing anything, half after applying the rows (so the retry is a
 * duplicate). Afterwards every (key, version) has arrived, versions only grow per key, and the
 * duplicates are counted.
 */
describe('function invoker: 30% random failures', () => {
  let harness: DeliveryHarness;
  let server: FunctionServer;
  const received = new Map<string, number[]>();

  beforeAll(async () => {
    harness = await new DeliveryHarness(
      { schema: await createTestSchema({ entities: CONFIGURATION_ENTITIES }), bus: createTestBus('random-failures-spec'), brokers: testKafkaBrokers(), databaseUrl: testDatabaseUrl() },
      { partitions: 3, delivery: { backoff: { initialMs: 50, maxMs: 400 } } },
    ).setUp();
    const record = (rows: Array<Record<string, unknown>>) => {
      for (const row of rows) {
        const key = String(row['profile_id']);
        received.set(key, [...(received.get(key) ?? []), Number(row['v'])]);
      }
    };
    server = await FunctionServer.start((call) => {
      const dice = Math.random();
      if (dice < 0.15) return { status: 500, body: 'failed before applying' };
      record(call.payload.rows);
      return dice < 0.3 ? { status: 500, body: 'failed after applying' } : {};
    });
    const audienceId = await insertAudience(harness.dataSource, ['v']);
    const destinationId = await insertFunctionDestination(harness.dataSource, harness.cipher, { url: server.url, timeoutMs: 5_000 });
    await insertSubscription(harness.dataSource, {
      audienceId, destinationId, fields: ['v'], settings: { batchSize: 25, concurrency: 4, retry: { mode: 'immediate', attempts: 10 } },
    });
    await harness.startEngine();
    for (let version = 1; version <= VERSIONS; version += 1) {
      const callType: CallType = version === 1 ? 'NEW' : version === VERSIONS ? 'REMOVED' : 'MODIFIED';
      const events: MembershipEventMessage[] = [];
      for (let key = 0; key < KEYS; key += 1) {
        events.push(membershipEvent({ audienceId, profileId: `p${key}`, membershipVersion: version, callType, projected: { v: version } }));
      }
      await harness.publish(events);
    }
  });

  afterAll(async () => {
    await harness.tearDown();
    await server?.close();
  });

  it('loses nothing, never goes back a version, and reports its duplicates', async () => {
    await waitFor(
      async () => {
        const [queued] = await harness.query<{ count: number }>(`SELECT count(*)::int AS count FROM delivery_rows`);
        const complete = [...received.values()].filter((versions) => versions.includes(VERSIONS)).length;
        return queued.count === 0 && complete === KEYS;
      },
      80_000,
      'every key at its last version',
    );
    let missing = 0;
    let backwards = 0;
    let total = 0;
    for (let key = 0; key < KEYS; key += 1) {
      const versions = received.get(`p${key}`) ?? [];
      total += versions.length;
      for (let version = 1; version <= VERSIONS; version += 1) if (!versions.includes(version)) missing += 1;
      for (let i = 1; i < versions.length; i += 1) if (versions[i] < versions[i - 1]) backwards += 1;
    }
    const [runs] = await harness.query<{ calls: number; rejected: number; superseded: number }>(
      `SELECT sum(calls)::int AS calls, sum(rejected)::int AS rejected, sum(superseded)::int AS superseded FROM sync_runs`,
    );
    const duplicates = total - KEYS * VERSIONS;
    console.log(
      `random failures: ${KEYS * VERSIONS} transitions, ${server.calls.length} calls (${runs.rejected} rows rejected), ` +
        `${duplicates} duplicate deliveries, ${missing} missing, ${backwards} out of order, ${runs.superseded} superseded`,
    );
    expect(missing).toBe(0);
    expect(backwards).toBe(0);
    expect(runs.superseded).toBe(0);
    expect(duplicates).toBeGreaterThan(0);
  });
});
