import { CONFIGURATION_ENTITIES } from '@activation/configuration';
import type { CallType } from '@activation/contracts';
import { membershipEvent } from '@activation/delivery';
import {
  createTestBus, createTestSchema, readHub, startEventHubsEmulator, testDatabaseUrl, testKafkaBrokers, testSecretKeys, waitFor,
  type EventHubsEmulator, type TestSchema,
} from '@activation/testing';
import type { KafkaMessageBus } from '@activation/kafka';
import type { AudienceMessage } from '../message/audience-message';
import { insertAudience, insertEventHubsDestination, insertSubscription } from '../testing/configuration-fixtures';
import { EventHubsDeliveryHarness } from '../testing/eventhubs-delivery-harness';
import { assertAudienceMessage } from '../testing/message-schema-check';

const HUB = 'audiences';
const KEY = { name: 'RootManageSharedAccessKey', key: 'ZmFpbHVyZXMta2V5' };

interface State {
  last_error_class: string | null;
  last_error: string | null;
  consecutive_failures: number;
}

/** Wrong keys, unusable connection strings and an outage of the namespace, through the delivery framework. */
describe('Event Hubs emitter: failures', () => {
  let schema: TestSchema;
  let bus: KafkaMessageBus;
  let steady: EventHubsEmulator;
  let flaky: EventHubsEmulator;
  let harness: EventHubsDeliveryHarness;
  const subscriptions: Record<string, { id: number; audienceId: string }> = {};

  const setUpSubscription = async (name: string, connectionString: string) => {
    const audience = await insertAudience(schema.dataSource, ['v']);
    const destinationId = await insertEventHubsDestination(schema.dataSource, harness.cipher, { partnerNumber: 33, timeoutMs: 3_000 }, connectionString);
    subscriptions[name] = { id: await insertSubscription(schema.dataSource, { audienceId: audience.id, destinationId, fields: ['v'] }), audienceId: audience.id };
  };
  const event = (name: string, profileId: string, version: number, callType: CallType) =>
    membershipEvent({
      audienceId: subscriptions[name].audienceId, profileId, membershipVersion: version, callType, projected: { v: version },
      identifiers: { '33': [`id-${profileId}`] }, timestamp: 1_700_000_000_000 + version,
    });
  const stateOf = async (name: string) =>
    (await harness.query<State>(`SELECT last_error_class, last_error, consecutive_failures FROM delivery_subscription_state WHERE subscription_id = $1`, [subscriptions[name].id]))[0];

  beforeAll(async () => {
    schema = await createTestSchema({ entities: CONFIGURATION_ENTITIES });
    bus = createTestBus('eventhubs-failures');
    steady = await startEventHubsEmulator({ hubs: [{ name: HUB, partitions: 2 }], keys: [KEY] });
    flaky = await startEventHubsEmulator({ hubs: [{ name: HUB, partitions: 2 }], keys: [KEY] });
    harness = await new EventHubsDeliveryHarness(
      { schema, bus, brokers: testKafkaBrokers(), databaseUrl: testDatabaseUrl(), secretKeys: testSecretKeys() },
      { partitions: 2, delivery: { deferMs: 500, backoff: { initialMs: 100, maxMs: 800 } } },
    ).setUp();
    await setUpSubscription('wrongKey', steady.connectionString(HUB).replace(KEY.key, 'd3Jvbmcta2V5'));
    await setUpSubscription('unusable', 'Endpoint=sb://127.0.0.1:1/;EntityPath=audiences');
    await setUpSubscription('outage', flaky.connectionString(HUB));
    await harness.startEngine();
  });

  afterAll(async () => {
    await harness?.tearDown();
    await bus?.close();
    await steady?.stop();
    await flaky?.stop();
    await schema?.drop();
  });

  it('a wrong key shows as invalid credentials on the subscription, and nothing is sent', async () => {
    await harness.publish([event('wrongKey', 'w-1', 1, 'NEW')]);
    const state = await waitFor(async () => {
      const found = await stateOf('wrongKey');
      return found?.last_error_class ? found : undefined;
    }, 30_000, 'the wrong key\'s error');
    expect(state.last_error_class).toBe('invalid-credentials');
    expect(state.last_error).toMatch(/UnauthorizedError/);
    expect(state.last_error).not.toContain('d3Jvbmcta2V5');
    const [call] = await harness.query<{ error_class: string; outcome: string }>(`SELECT error_class, outcome FROM sync_calls WHERE subscription_id = $1 ORDER BY id LIMIT 1`, [subscriptions['wrongKey'].id]);
    expect(call).toEqual({ error_class: 'invalid-credentials', outcome: 'rejected' });
    expect(steady.messages(HUB)).toEqual([]);
  });

  it('an unusable connection string shows as a failing subscription with a configuration error, its rows kept', async () => {
    await harness.publish([event('unusable', 'u-1', 1, 'NEW')]);
    const state = await waitFor(async () => {
      const found = await stateOf('unusable');
      return found?.last_error_class ? found : undefined;
    }, 30_000, 'the configuration error');
    expect(state.last_error_class).toBe('configuration');
    expect(state.last_error).toContain('SharedAccessKeyName and SharedAccessKey, or SharedAccessSignature');
    await waitFor(async () => (await harness.query(`SELECT 1 FROM delivery_rows WHERE subscription_id = $1`, [subscriptions['unusable'].id])).length === 1, 30_000, 'the row kept');
  });

  it('the namespace stopped mid-stream: calls are rejected as timeouts, retried, and no message is lost once it returns', async () => {
    const profiles = Array.from({ length: 10 }, (_, n) => `o-${n}`);
    const versions: Array<[number, CallType]> = [[1, 'NEW'], [2, 'MODIFIED'], [3, 'MODIFIED'], [4, 'REMOVED']];
    for (const [version, callType] of versions) await harness.publish(profiles.map((profile) => event('outage', profile, version, callType)));
    await flaky.waitForMessages(HUB, 5, { timeoutMs: 30_000 });
    await flaky.stop();
    await waitFor(
      async () => (await harness.query(`SELECT 1 FROM sync_calls WHERE subscription_id = $1 AND outcome = 'rejected'`, [subscriptions['outage'].id])).length > 0,
      30_000,
      'a call rejected during the outage',
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await flaky.restart();
    await waitFor(async () => (await harness.query(`SELECT 1 FROM delivery_rows WHERE subscription_id = $1`, [subscriptions['outage'].id])).length === 0, 60_000, 'every row delivered');

    const read = await readHub(flaky.connectionString(HUB), 40, { settleMs: 500 });
    read.forEach((entry) => assertAudienceMessage(entry.body));
    for (const profile of profiles) {
      const sent = read
        .filter((entry) => (entry.body as AudienceMessage).profileId === profile)
        .sort((a, b) => a.sequenceNumber - b.sequenceNumber)
        .map((entry) => (entry.body as AudienceMessage).profileVars['v'] as number);
      // At least once: a send cut off before its acknowledgement may repeat, but versions never go backwards and none is missing.
      expect([...new Set(sent)]).toEqual([1, 2, 3, 4]);
      expect(sent).toEqual([...sent].sort((a, b) => a - b));
    }
    const errorClasses = await harness.query<{ error_class: string }>(
      `SELECT DISTINCT error_class FROM sync_calls WHERE subscription_id = $1 AND outcome = 'rejected'`,
      [subscriptions['outage'].id],
    );
    expect(errorClasses.map((row) => row.error_class)).toEqual(['timeout']);
    const [runs] = await harness.query(`SELECT sum(superseded)::int AS superseded, sum(dead_lettered)::int AS dead FROM sync_runs WHERE subscription_id = $1`, [subscriptions['outage'].id]);
    expect(runs).toEqual({ superseded: 0, dead: 0 });
  });
});
