import { CONFIGURATION_ENTITIES } from '@activation/configuration';
import type { CallType } from '@activation/contracts';
import { ReplayRepository } from '@activation/delivery';
import { EmbeddedLogBus, EmbeddedLogRangeReader } from '@activation/embedded-log';
import { createTestBus, createTestSchema, testDatabaseUrl, testKafkaBrokers, waitFor } from '@activation/testing';
import { membershipEvent } from '../testing/membership-event';
import { insertAudience, insertFunctionDestination, insertSubscription } from '../testing/configuration-fixtures';
import { DeliveryHarness, type HarnessInfrastructure } from '../testing/delivery-harness';
import { FunctionServer } from '../testing/function-server';

const rowsOf = (server: FunctionServer, from = 0) =>
  server.calls.slice(from).flatMap((call) => call.payload.rows.map((row) => `${row['profile_id']}@${row['v']}`));

type Infrastructure = () => Promise<HarnessInfrastructure>;

const onKafka: Infrastructure = async () => ({
  schema: await createTestSchema({ entities: CONFIGURATION_ENTITIES }), bus: createTestBus('replay-spec'), brokers: testKafkaBrokers(),
  databaseUrl: testDatabaseUrl(),
});

/** The platform's embedded defaults: the membership topic is the log in the same Postgres, and replay reads it there. */
const onEmbeddedLog: Infrastructure = async () => {
  const schema = await createTestSchema({ entities: CONFIGURATION_ENTITIES });
  return {
    schema,
    bus: new EmbeddedLogBus({ dataSource: schema.dataSource, clientId: 'replay-spec', backoff: { initialMs: 20, maxMs: 200 } }),
    brokers: [],
    topicReader: new EmbeddedLogRangeReader(schema.dataSource),
    databaseUrl: testDatabaseUrl(),
  };
};

/** Replay re-reads the membership topic from a time, for one subscription only. */
describe.each([
  ['Kafka', onKafka],
  ['the embedded log', onEmbeddedLog],
])('function invoker: replay from a time, on %s', (_bus, infrastructure) => {
  let harness: DeliveryHarness;
  let replayed: FunctionServer;
  let untouched: FunctionServer;
  let audienceId: string;
  let replayedSync: number;

  const publish = (keys: string[], version: number, callType: CallType) =>
    harness.publish(keys.map((key) => membershipEvent({ audienceId, profileId: key, membershipVersion: version, callType, projected: { v: version } })));
  const keys = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}${index}`);

  beforeAll(async () => {
    harness = await new DeliveryHarness(await infrastructure()).setUp();
    replayed = await FunctionServer.start();
    untouched = await FunctionServer.start();
    audienceId = await insertAudience(harness.dataSource, ['v']);
    const settings = { batchSize: 5 };
    const replayedDestination = await insertFunctionDestination(harness.dataSource, harness.cipher, { url: replayed.url });
    const untouchedDestination = await insertFunctionDestination(harness.dataSource, harness.cipher, { url: untouched.url });
    replayedSync = await insertSubscription(harness.dataSource, { audienceId, destinationId: replayedDestination, fields: ['v'], settings });
    await insertSubscription(harness.dataSource, { audienceId, destinationId: untouchedDestination, fields: ['v'], settings });
    await harness.startEngine();
  });

  afterAll(async () => {
    await harness.tearDown();
    await replayed?.close();
    await untouched?.close();
  });

  it("re-delivers exactly that subscription's events since the time, in version order, and nothing to others", async () => {
    await publish(keys('a', 20), 1, 'NEW');
    await waitFor(async () => rowsOf(replayed).length === 20 && rowsOf(untouched).length === 20, 30_000, 'the events before the time');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const from = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await publish(keys('a', 10), 2, 'MODIFIED');
    await publish(keys('b', 10), 1, 'NEW');
    await publish(keys('a', 5), 3, 'REMOVED');
    const since = [...keys('a', 10).map((key) => `${key}@2`), ...keys('b', 10).map((key) => `${key}@1`), ...keys('a', 5).map((key) => `${key}@3`)].sort();
    await waitFor(async () => rowsOf(replayed).length === 45 && rowsOf(untouched).length === 45, 30_000, 'the events after the time');
    const [replayedBefore, untouchedBefore] = [replayed.calls.length, untouched.calls.length];

    const replays = new ReplayRepository(harness.dataSource);
    const request = await replays.request(replayedSync, from, 'spec');
    const done = await waitFor(async () => {
      const replay = await replays.find(replayedSync, request.id);
      return replay && ['completed', 'failed'].includes(replay.status) && replay;
    }, 60_000, 'the replay');

    expect(done).toMatchObject({ status: 'completed', stagedRows: 25, error: null });
    const again = rowsOf(replayed, replayedBefore);
    expect([...again].sort()).toEqual(since);
    for (const key of keys('a', 5)) expect(again.filter((row) => row.startsWith(`${key}@`))).toEqual([`${key}@2`, `${key}@3`]);
    expect(rowsOf(untouched, untouchedBefore)).toEqual([]);
    const [runs] = await harness.query(
      `SELECT sum(added)::int AS added, sum(changed)::int AS changed, sum(removed)::int AS removed,
              bool_or(end_reason = 'replay completed') AS completed
         FROM sync_runs WHERE subscription_id = $1 AND trigger = 'replay'`,
      [replayedSync],
    );
    expect(runs).toEqual({ added: 10, changed: 10, removed: 5, completed: true });
  });
});
