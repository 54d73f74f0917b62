import { randomUUID } from 'node:crypto';
import { SecretCipher, SecretKeyring } from '@activation/configuration';
import { PROFILE_CHANGE_VERSION, type ProfileChangeMessage } from '@activation/contracts';
import type { KafkaMessageBus } from '@activation/kafka';
import {
  createTestBus, createTestSchema, spawnTs, startEventHubsEmulator, testDatabaseUrl, testKafkaBrokers, testSecretKeys, uniqueGroup, uniqueTopic, waitFor,
  type EventHubsEmulator, type TestSchema, type TsProcess, freePort } from '@activation/testing';
import { OPEN_MEMBERSHIP_EXIT } from '../document/lytics-document';
import { announceCreated, insertLyticsDestination, insertLyticsSubscription, insertTierAudience } from '../testing/configuration-fixtures';
import { readDocuments } from '../testing/read-documents';

const KEY = { name: 'RootManageSharedAccessKey', key: 'bHl0aWNzLWtleQ==' };
const T0 = Date.UTC(2026, 0, 5, 9, 30, 0, 123);

const change = (profileId: string, set: Record<string, unknown>, changedAt: number): ProfileChangeMessage => ({
  kind: 'profile-change', eventId: randomUUID(), version: PROFILE_CHANGE_VERSION, profileId, set, changedAt, receivedAt: changedAt, source: 'spec',
});

/** Profile changes → evaluator → membership → emitter-lytics → Event Hubs emulator, read back with the real consumer client. */
describe('emitter-lytics end to end', () => {
  const secretKeys = testSecretKeys();
  const cipher = new SecretCipher(SecretKeyring.fromSettings({ SECRETS_KEYS: secretKeys }));
  const topics = {
    PROFILE_INPUTS_TOPIC: uniqueTopic('profile-inputs'),
    MEMBERSHIP_TOPIC: uniqueTopic('membership'),
    SNAPSHOT_REQUESTS_TOPIC: uniqueTopic('snapshot-requests'),
    CONFIG_CHANGES_TOPIC: uniqueTopic('config-changes'),
  };
  let schema: TestSchema;
  let bus: KafkaMessageBus;
  let emulator: EventHubsEmulator;
  let evaluator: TsProcess;
  let emitter: TsProcess;
  let silver: { id: string; slug: string };
  let gold: { id: string; slug: string };
  let platinum: { id: string; slug: string };
  let liveDestination: string;

  const publish = (changes: ProfileChangeMessage[]) => bus.publish(topics.PROFILE_INPUTS_TOPIC, changes.map((value) => ({ key: value.profileId, value })));

  async function start(entry: string, service: string): Promise<TsProcess> {
    const port = await freePort();
    const child = spawnTs(entry, {
      ...topics,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_TOPIC_PARTITIONS: '2',
      KAFKA_GROUP_ID: uniqueGroup(service),
      DATABASE_URL: testDatabaseUrl(),
      DATABASE_SCHEMA: schema.name,
      SECRETS_KEYS: secretKeys,
      DELIVERY_IDLE_POLL_MS: '500',
    });
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200, 90_000, `${service} ready`);
    return child;
  }

  beforeAll(async () => {
    schema = await createTestSchema();
    bus = createTestBus('lytics-e2e');
    await bus.ensureTopics(Object.values(topics).map((topic) => ({ topic, partitions: 2 })));
    emulator = await startEventHubsEmulator({
      hubs: [{ name: 'live', partitions: 2 }, { name: 'existing-on', partitions: 1 }, { name: 'existing-off', partitions: 1 }],
      keys: [KEY],
    });
    silver = await insertTierAudience(schema.dataSource, 'silver');
    gold = await insertTierAudience(schema.dataSource, 'gold');
    platinum = await insertTierAudience(schema.dataSource, 'platinum');
    liveDestination = await insertLyticsDestination(schema.dataSource, cipher, emulator.connectionString('live'));
    for (const audience of [silver, gold]) {
      await insertLyticsSubscription(schema.dataSource, { audienceId: audience.id, destinationId: liveDestination, initialSync: 'future-only' });
    }
    [evaluator, emitter] = await Promise.all([start('apps/evaluator/src/main.ts', 'evaluator'), start('apps/emitter-lytics/src/main.ts', 'emitter-lytics')]);
  }, 180_000);

  afterAll(async () => {
    for (const child of [emitter, evaluator]) child?.child.kill('SIGTERM');
    const codes = await Promise.all([emitter?.exited, evaluator?.exited]);
    await bus?.close();
    await emulator?.stop();
    await schema?.drop();
    expect(codes).toEqual([0, 0]);
    expect(emitter.output()).not.toContain('"level":50');
  });

  it('sends one document for the evaluation that made a profile exit one audience and enter another', async () => {
    await publish([change('p-1', { tier: 'silver', email: 'p1@example.com' }, T0)]);
    await waitFor(async () => (await readDocuments(emulator.connectionString('live'), 1, { settleMs: 0 })).length >= 1, 60_000, 'the first document');
    await publish([change('p-1', { tier: 'gold' }, T0 + 60_000)]);

    const documents = await readDocuments(emulator.connectionString('live'), 2, { settleMs: 2_000 });
    expect(documents).toHaveLength(2);
    expect(new Set(documents.map((read) => read.partitionId)).size).toBe(1);
    const [entered, moved] = documents.map((read) => read.document);
    expect(entered).toEqual({
      data: {
        // The projection sends email and tier only; user_id (the profile id) is always there.
        email: 'p1@example.com', tier: 'silver', user_id: 'p-1',
        segment_events: [{ id: silver.id, event: 'enter', enter: new Date(T0).toISOString(), exit: OPEN_MEMBERSHIP_EXIT, slug: silver.slug }],
      },
      meta: { object: 'user', subscription_id: liveDestination, timestamp: new Date(T0).toISOString() },
    });
    expect(moved).toEqual({
      data: {
        email: 'p1@example.com', tier: 'gold', user_id: 'p-1',
        segment_events: [
          { id: silver.id, event: 'exit', enter: new Date(T0).toISOString(), exit: new Date(T0 + 60_000).toISOString(), slug: silver.slug },
          { id: gold.id, event: 'enter', enter: new Date(T0 + 60_000).toISOString(), exit: OPEN_MEMBERSHIP_EXIT, slug: gold.slug },
        ],
      },
      meta: { object: 'user', subscription_id: liveDestination, timestamp: new Date(T0 + 60_000).toISOString() },
    });
  });

  it('"existing users" on sends the current members at once (a snapshot); off sends only later enters and exits', async () => {
    await publish([change('p-existing', { tier: 'platinum', email: 'existing@example.com' }, T0)]);
    await waitFor(
      async () => (await schema.dataSource.query(`SELECT 1 FROM memberships WHERE profile_id = 'p-existing' AND member`)).length === 1,
      60_000, 'the existing member evaluated',
    );
    const on = await insertLyticsDestination(schema.dataSource, cipher, emulator.connectionString('existing-on'));
    const off = await insertLyticsDestination(schema.dataSource, cipher, emulator.connectionString('existing-off'));
    const onSync = await insertLyticsSubscription(schema.dataSource, { audienceId: platinum.id, destinationId: on, initialSync: 'backfill' });
    const offSync = await insertLyticsSubscription(schema.dataSource, { audienceId: platinum.id, destinationId: off, initialSync: 'future-only' });
    await announceCreated(bus, topics.CONFIG_CHANGES_TOPIC, [['destination', on], ['destination', off], ['subscription', String(onSync)], ['subscription', String(offSync)]]);

    const backfilled = await readDocuments(emulator.connectionString('existing-on'), 1, { settleMs: 0 });
    expect(backfilled.map((read) => read.document)).toEqual([
      {
        data: {
          email: 'existing@example.com', tier: 'platinum', user_id: 'p-existing',
          segment_events: [{ id: platinum.id, event: 'enter', enter: new Date(T0).toISOString(), exit: OPEN_MEMBERSHIP_EXIT, slug: platinum.slug }],
        },
        meta: { object: 'user', subscription_id: on, timestamp: expect.any(String) },
      },
    ]);

    await publish([change('p-new', { tier: 'platinum', email: 'new@example.com' }, T0 + 120_000)]);
    const withBackfill = await readDocuments(emulator.connectionString('existing-on'), 2, { settleMs: 2_000 });
    const withoutBackfill = await readDocuments(emulator.connectionString('existing-off'), 1, { settleMs: 2_000 });
    expect(withBackfill.map((read) => read.document.data['email'])).toEqual(['existing@example.com', 'new@example.com']);
    expect(withoutBackfill.map((read) => read.document.data['email'])).toEqual(['new@example.com']);
    expect(withoutBackfill[0].document.meta.subscription_id).toBe(off);
  });
});
