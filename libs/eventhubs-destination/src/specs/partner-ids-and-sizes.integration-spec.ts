import { CONFIGURATION_ENTITIES } from '@activation/configuration';
import type { CallType } from '@activation/contracts';
import { membershipEvent } from '@activation/delivery';
import type { KafkaMessageBus } from '@activation/kafka';
import {
  createTestBus, createTestSchema, startEventHubsEmulator, testDatabaseUrl, testKafkaBrokers, testSecretKeys, waitFor,
  type EventHubsEmulator, type TestSchema,
} from '@activation/testing';
import type { AudienceMessage } from '../message/audience-message';
import { insertAudience, insertEventHubsDestination, insertSubscription } from '../testing/configuration-fixtures';
import { EventHubsDeliveryHarness } from '../testing/eventhubs-delivery-harness';

const HUB = 'audiences';
const KEY = { name: 'RootManageSharedAccessKey', key: 'c2l6ZXMta2V5' };

interface CallRecord {
  outcome: string;
  error_class: string | null;
  primary_keys: string[];
  rejected: Array<{ primary_key_value: string; reason: string }>;
}

/** Partner ids that change between calls, and a message too large for Event Hubs, through the delivery framework and the emulator. */
describe('Event Hubs emitter: partner id changes and oversized messages', () => {
  let schema: TestSchema;
  let bus: KafkaMessageBus;
  let emulator: EventHubsEmulator;
  let harness: EventHubsDeliveryHarness;
  const subscriptions: Record<'sizes' | 'moves', { syncId: number; audienceId: string }> = {} as never;

  const event = (name: keyof typeof subscriptions, profileId: string, version: number, callType: CallType, ids: string[], v: unknown = version) =>
    membershipEvent({
      audienceId: subscriptions[name].audienceId, profileId, membershipVersion: version, callType, projected: { v }, identifiers: ids.length > 0 ? { '33': ids } : {},
      timestamp: 1_700_000_000_000 + version,
    });
  const messagesOf = (profileId: string) =>
    emulator
      .messages(HUB)
      .map((stored) => stored.body as AudienceMessage)
      .filter((message) => message.profileId === profileId)
      .map((message) => [message.callType, message.partnerIds[0]]);
  const queued = async (name: keyof typeof subscriptions) =>
    (await harness.query(`SELECT 1 FROM delivery_rows WHERE subscription_id = $1`, [subscriptions[name].syncId])).length;

  beforeAll(async () => {
    schema = await createTestSchema({ entities: CONFIGURATION_ENTITIES });
    bus = createTestBus('eventhubs-partner-ids');
    emulator = await startEventHubsEmulator({ hubs: [{ name: HUB, partitions: 2 }], keys: [KEY], maxMessageSize: 4_096 });
    harness = await new EventHubsDeliveryHarness(
      { schema, bus, brokers: testKafkaBrokers(), databaseUrl: testDatabaseUrl(), secretKeys: testSecretKeys() },
      { partitions: 1, delivery: { deferMs: 60_000, backoff: { initialMs: 100, maxMs: 200 } } },
    ).setUp();
    const destinationId = await insertEventHubsDestination(schema.dataSource, harness.cipher, { partnerNumber: 33, timeoutMs: 3_000 }, emulator.connectionString(HUB));
    for (const name of ['sizes', 'moves'] as const) {
      const { id: audienceId } = await insertAudience(schema.dataSource, ['v']);
      subscriptions[name] = { audienceId, syncId: await insertSubscription(schema.dataSource, { audienceId, destinationId, fields: ['v'], settings: { batchSize: 10 } }) };
    }
    // Staged before the engine starts, so the three rows go out in one call.
    await harness.publish([event('sizes', 'small-1', 1, 'NEW', ['s1']), event('sizes', 'huge', 1, 'NEW', ['h1'], 'x'.repeat(5_000)), event('sizes', 'small-2', 1, 'NEW', ['s2'])]);
    await harness.startEngine();
  });

  afterAll(async () => {
    await harness?.tearDown();
    await bus?.close();
    await emulator?.stop();
    await schema?.drop();
  });

  it('an oversized message rejects only its row (a partial call); the other rows of the call are delivered', async () => {
    const { syncId } = subscriptions.sizes;
    const call = await waitFor(async () => {
      const [found] = await harness.query<CallRecord>(
        `SELECT outcome, error_class, primary_keys, rejected FROM sync_calls WHERE subscription_id = $1 AND 'huge' = ANY(primary_keys) ORDER BY id LIMIT 1`,
        [syncId],
      );
      return found;
    }, 30_000, 'the call with the oversized row');
    expect(call).toEqual({
      outcome: 'partial', error_class: 'rejected-rows', primary_keys: ['small-1', 'huge', 'small-2'],
      rejected: [{ primary_key_value: 'huge', reason: expect.stringMatching(/does not fit in one batch \(\d+ bytes at most\)/) }],
    });
    expect(messagesOf('small-1')).toEqual([['NEW', 's1']]);
    expect(messagesOf('small-2')).toEqual([['NEW', 's2']]);
    expect(messagesOf('huge')).toEqual([]);
    const rows = await harness.query<{ primary_key: string }>(`SELECT primary_key FROM delivery_rows WHERE subscription_id = $1`, [syncId]);
    expect(rows).toEqual([{ primary_key: 'huge' }]);
    // Only what was delivered is remembered.
    expect(await harness.query(`SELECT profile_id FROM eventhubs_partner_ids WHERE subscription_id = $1 ORDER BY profile_id`, [syncId])).toEqual([
      { profile_id: 'small-1' }, { profile_id: 'small-2' },
    ]);
  });

  it('when a profile\'s partner ids change, a REMOVED goes out for the id that disappeared, then the change with the new id', async () => {
    const profile = 'moving';
    const { syncId } = subscriptions.moves;
    await harness.publish([event('moves', profile, 1, 'NEW', ['4'])]);
    await waitFor(async () => messagesOf(profile).length === 1 && (await queued('moves')) === 0, 30_000, 'the NEW');
    await harness.publish([event('moves', profile, 2, 'MODIFIED', ['5'])]);
    await waitFor(async () => messagesOf(profile).length === 3 && (await queued('moves')) === 0, 30_000, 'the change of ids');
    expect(messagesOf(profile)).toEqual([['NEW', '4'], ['REMOVED', '4'], ['MODIFIED', '5']]);
    expect(await harness.query(`SELECT partner_ids FROM eventhubs_partner_ids WHERE subscription_id = $1 AND profile_id = $2`, [syncId, profile])).toEqual([
      { partner_ids: ['5'] },
    ]);

    // Its ids gone entirely while still a member: the last id sent is removed and nothing else is sent.
    await harness.publish([event('moves', profile, 3, 'MODIFIED', [])]);
    await waitFor(async () => messagesOf(profile).length === 4 && (await queued('moves')) === 0, 30_000, 'the loss of every id');
    expect(messagesOf(profile)).toEqual([['NEW', '4'], ['REMOVED', '4'], ['MODIFIED', '5'], ['REMOVED', '5']]);
    expect(await harness.query(`SELECT 1 FROM eventhubs_partner_ids WHERE subscription_id = $1 AND profile_id = $2`, [syncId, profile])).toEqual([]);
    const responses = await harness.query<{ response: string }>(`SELECT response FROM sync_calls WHERE subscription_id = $1 AND $2 = ANY(primary_keys) ORDER BY id`, [syncId, profile]);
    expect(responses.map((call) => call.response)).toEqual([
      '1 message(s) sent',
      '2 message(s) sent; 1 REMOVED message(s) for partner ids the profile no longer has',
      '1 message(s) sent; 1 REMOVED message(s) for partner ids the profile no longer has',
    ]);
  });
});
