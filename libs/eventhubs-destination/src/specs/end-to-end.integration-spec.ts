import { CONFIGURATION_ENTITIES } from '@activation/configuration';
import { audienceDefinition, EvaluationEngine, InMemoryAudienceCatalog, ManualClock, profileChange } from '@activation/evaluation';
import type { KafkaMessageBus } from '@activation/kafka';
import {
  createTestBus, createTestSchema, readHub, startEventHubsEmulator, testDatabaseUrl, testKafkaBrokers, testSecretKeys, uniqueGroup, uniqueTopic, waitFor,
  type EventHubsEmulator, type TestSchema,
} from '@activation/testing';
import type { AudienceMessage } from '../message/audience-message';
import { insertAudience, insertEventHubsDestination, insertSubscription } from '../testing/configuration-fixtures';
import { EventHubsDeliveryHarness } from '../testing/eventhubs-delivery-harness';
import { assertAudienceMessage } from '../testing/message-schema-check';

const HUB = 'audiences';
const T0 = Date.now() - 60_000;
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (context: object, message: string) => console.error(message, context) };

/**
 * The real pipeline: profile changes into the evaluator, membership events on Kafka, the
 * delivery engine with the Event Hubs adapter, the emulator, and the real consumer client.
 */
describe('Event Hubs emitter end to end', () => {
  let schema: TestSchema;
  let bus: KafkaMessageBus;
  let emulator: EventHubsEmulator;
  let delivery: EventHubsDeliveryHarness;
  let evaluator: EvaluationEngine;
  let stopInputs: (() => Promise<void>) | undefined;
  const inputsTopic = uniqueTopic('eventhubs-e2e.inputs');
  const membershipTopic = uniqueTopic('eventhubs-e2e.membership');
  let audience: { id: string; number: number };
  let syncId: number;

  beforeAll(async () => {
    schema = await createTestSchema({ entities: CONFIGURATION_ENTITIES });
    bus = createTestBus('eventhubs-e2e');
    await bus.ensureTopics([{ topic: inputsTopic, partitions: 3 }]);
    emulator = await startEventHubsEmulator({ hubs: [{ name: HUB, partitions: 4 }], keys: [{ name: 'RootManageSharedAccessKey', key: 'ZTJlLWtleQ==' }] });

    delivery = await new EventHubsDeliveryHarness(
      { schema, bus, brokers: testKafkaBrokers(), databaseUrl: testDatabaseUrl(), secretKeys: testSecretKeys() },
      { membershipTopic, siteNumber: 1234 },
    ).setUp();
    audience = await insertAudience(schema.dataSource, ['lastCategory', 'tier']);
    const destinationId = await insertEventHubsDestination(schema.dataSource, delivery.cipher, { partnerNumber: 33 }, emulator.connectionString(HUB));
    syncId = await insertSubscription(schema.dataSource, {
      audienceId: audience.id, destinationId, fields: ['lastCategory'],
      settings: { sourceName: 'Azure Event Hub audience 1', data: { mycustomproperty1: 'value1' }, batchSize: 10 },
    });
    await delivery.startEngine();

    const catalog = new InMemoryAudienceCatalog([
      audienceDefinition({
        id: audience.id, number: audience.number, rule: { attribute: 'tier', operator: 'equals', value: 'gold' }, projectedVariables: ['lastCategory', 'tier'],
      }),
    ]);
    evaluator = new EvaluationEngine({
      dataSource: schema.dataSource, bus, catalog, clock: new ManualClock(T0), logger: silent,
      options: { membershipTopic, schedulerIntervalMs: 100, jobIntervalMs: 100, outboxSweepIntervalMs: 500, outboxStallMs: 2_000 },
    });
    await evaluator.start();
    const inputs = await bus.subscribe({
      groupId: uniqueGroup('eventhubs-e2e-evaluator'), topics: [inputsTopic], service: 'evaluator-test',
      handler: (messages) => evaluator.handleProfileInputs(messages),
    });
    stopInputs = () => inputs.stop();
  });

  afterAll(async () => {
    await stopInputs?.();
    await evaluator?.stop();
    await delivery?.tearDown();
    await bus?.close();
    await emulator?.stop();
    await schema?.drop();
  });

  it('profile changes become seed 002 messages, one per partner id, in order per profile; a profile without an id is skipped and counted; a deleted profile\'s REMOVED keeps its ids', async () => {
    const changes = [
      profileChange('p-1', { set: { tier: 'gold', lastCategory: '5678' }, identifiers: { '33': ['4', '5'] } }, T0 + 1),
      profileChange('p-2', { set: { tier: 'gold', lastCategory: 'x' }, identifiers: { '7': ['not-for-33'] } }, T0 + 2),
      profileChange('p-3', { set: { tier: 'gold', lastCategory: 'y' }, identifiers: { '33': ['c3'] } }, T0 + 3),
      profileChange('p-1', { set: { lastCategory: '9999' } }, T0 + 4),
      profileChange('p-3', { set: { lastCategory: 'y2' } }, T0 + 5),
      profileChange('p-1', { set: { tier: 'silver' } }, T0 + 6),
      // A deleted profile loses its ids: its REMOVED goes out with the ids last sent.
      profileChange('p-3', { deleted: true }, T0 + 7),
    ];
    // One at a time, so each change is its own evaluation (and its own membership version).
    for (const change of changes) await bus.publish(inputsTopic, [{ key: change.profileId, value: change }]);

    const read = await readHub(emulator.connectionString(HUB), 9, { settleMs: 2_000 });
    expect(read).toHaveLength(9);
    read.forEach((event) => assertAudienceMessage(event.body));
    const messages = read.map((event) => ({ ...event, message: event.body as AudienceMessage }));
    for (const { message, partitionKey, partitionId } of messages) {
      expect(partitionKey).toBe(message.profileId);
      expect(partitionId).toBe(String(emulator.partitionForKey(HUB, message.profileId)));
      expect(message).toMatchObject({
        sourceId: audience.id, sourceNumber: audience.number, partnerNumber: 33, siteNumber: 1234,
        sourceName: 'Azure Event Hub audience 1', data: { mycustomproperty1: 'value1' },
      });
    }
    const ofProfile = (profileId: string) =>
      messages
        .filter(({ message }) => message.profileId === profileId)
        .sort((a, b) => a.sequenceNumber - b.sequenceNumber)
        .map(({ message }) => [message.callType, message.partnerIds[0], message.profileVars['lastCategory'], message.timestamp]);
    expect(ofProfile('p-1')).toEqual([
      ['NEW', '4', '5678', T0 + 1],
      ['NEW', '5', '5678', T0 + 1],
      ['MODIFIED', '4', '9999', T0 + 4],
      ['MODIFIED', '5', '9999', T0 + 4],
      ['REMOVED', '4', '9999', T0 + 6],
      ['REMOVED', '5', '9999', T0 + 6],
    ]);
    expect(ofProfile('p-3')).toEqual([
      ['NEW', 'c3', 'y', T0 + 3],
      ['MODIFIED', 'c3', 'y2', T0 + 5],
      ['REMOVED', 'c3', 'y2', T0 + 7],
    ]);
    expect(ofProfile('p-2')).toEqual([]);

    expect(await delivery.skippedRows(syncId)).toBe(1);
    const [run] = await delivery.query<{ added: number; changed: number; removed: number; rejected: number }>(
      `SELECT sum(added)::int AS added, sum(changed)::int AS changed, sum(removed)::int AS removed, sum(rejected)::int AS rejected FROM sync_runs WHERE subscription_id = $1`,
      [syncId],
    );
    expect(run).toEqual({ added: 3, changed: 2, removed: 2, rejected: 0 });
    const calls = await delivery.query<{ response: string }>(`SELECT response FROM sync_calls WHERE subscription_id = $1 ORDER BY id`, [syncId]);
    expect(calls.map((call) => call.response).join('\n')).toContain('1 row(s) skipped: no id for partner number 33');
    expect(calls.map((call) => call.response).join('\n')).toContain('1 REMOVED row(s) sent with the partner ids last sent');
    // Only current members are remembered: p-1 and p-3 left, p-2 never had an id.
    expect(await delivery.query(`SELECT profile_id FROM eventhubs_partner_ids WHERE subscription_id = $1`, [syncId])).toEqual([]);
    await waitFor(async () => (await delivery.query(`SELECT 1 FROM delivery_rows WHERE subscription_id = $1`, [syncId])).length === 0, 10_000, 'an empty queue');
  });
});
