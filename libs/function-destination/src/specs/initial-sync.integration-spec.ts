import { CONFIGURATION_ENTITIES } from '@activation/configuration';
import { initialSyncRequestId, TopicSnapshotRequester } from '@activation/delivery';
import { createTestBus, createTestSchema, readTopic, testDatabaseUrl, testKafkaBrokers, uniqueTopic, waitFor } from '@activation/testing';
import { insertAudience, insertFunctionDestination, insertSubscription } from '../testing/configuration-fixtures';
import { DeliveryHarness } from '../testing/delivery-harness';
import { FunctionServer } from '../testing/function-server';
import { membershipEvent } from '../testing/membership-event';

const sent = (server: FunctionServer) => server.calls.flatMap((call) => call.payload.rows.map((row) => `${call.payload.operation} ${row['profile_id']}`));

/** Initial sync: "backfill" asks for the current members once; "future-only" never gets the pre-existing population. */
describe('function invoker: initial sync', () => {
  let harness: DeliveryHarness;
  let backfilling: FunctionServer;
  let futureOnly: FunctionServer;
  let audienceId: string;
  let backfillSync: number;
  let futureSync: number;
  const snapshotTopic = uniqueTopic('snapshot-requests');

  beforeAll(async () => {
    const bus = createTestBus('initial-sync-spec');
    harness = await new DeliveryHarness(
      { schema: await createTestSchema({ entities: CONFIGURATION_ENTITIES }), bus, brokers: testKafkaBrokers(), databaseUrl: testDatabaseUrl() },
      { partitions: 1, snapshots: new TopicSnapshotRequester(bus, snapshotTopic) },
    ).setUp();
    await bus.ensureTopics([{ topic: snapshotTopic, partitions: 1 }]);
    backfilling = await FunctionServer.start();
    futureOnly = await FunctionServer.start();
    audienceId = await insertAudience(harness.dataSource, ['v']);
    const first = await insertFunctionDestination(harness.dataSource, harness.cipher, { url: backfilling.url });
    const second = await insertFunctionDestination(harness.dataSource, harness.cipher, { url: futureOnly.url });
    backfillSync = await insertSubscription(harness.dataSource, { audienceId, destinationId: first, fields: ['v'], initialSync: 'backfill' });
    futureSync = await insertSubscription(harness.dataSource, { audienceId, destinationId: second, fields: ['v'], initialSync: 'future-only' });
    await harness.startEngine();
  });

  afterAll(async () => {
    await harness.tearDown();
    await backfilling?.close();
    await futureOnly?.close();
  });

  it('asks once for the current members of the "backfill" subscription and delivers them to it alone', async () => {
    const [request] = await readTopic(snapshotTopic, 1);
    expect(request.key).toBe(audienceId);
    expect(JSON.parse(request.value!.toString())).toMatchObject({ eventId: initialSyncRequestId(backfillSync), audienceId, targetSubscriptionId: backfillSync });
    await harness.publish(['m1', 'm2'].map((profileId) => membershipEvent({ audienceId, profileId, kind: 'snapshot', targetSubscriptionId: backfillSync, backfill: true })));
    await waitFor(async () => sent(backfilling).length === 2, 30_000, 'the snapshot rows');
    expect(sent(backfilling).sort()).toEqual(['add m1', 'add m2']);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(sent(futureOnly)).toEqual([]);
    const requests = await harness.query(`SELECT initial_sync_request_id FROM delivery_subscription_state WHERE initial_sync_requested_at IS NOT NULL`);
    expect(requests).toEqual([{ initial_sync_request_id: initialSyncRequestId(backfillSync) }]);
    expect(futureSync).toBeGreaterThan(0);
  });

  it('sends "future-only" subscriptions audience-edit (backfill) changes only for members they already have', async () => {
    await harness.publish([
      membershipEvent({ audienceId, profileId: 'old', backfill: true }),
      membershipEvent({ audienceId, profileId: 'new' }),
      membershipEvent({ audienceId, profileId: 'new', membershipVersion: 2, callType: 'REMOVED', backfill: true }),
    ]);
    await waitFor(async () => sent(futureOnly).length === 2 && sent(backfilling).length === 5, 30_000, 'the changes');
    expect(sent(futureOnly)).toEqual(['add new', 'remove new']);
    expect(sent(backfilling).slice(2).sort()).toEqual(['add new', 'add old', 'remove new']);
  });
});
