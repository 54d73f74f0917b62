import { randomUUID } from 'node:crypto';
import { SecretCipher, SecretKeyring, secretOwner } from '@activation/configuration';
import type { KafkaMessageBus } from '@activation/kafka';
import {
  createTestBus, createTestSchema, spawnTs, testDatabaseUrl, testKafkaBrokers, testSecretKeys, uniqueGroup, uniqueTopic, waitFor,
  type TestSchema, type TsProcess, freePort } from '@activation/testing';
import { AlertRepository } from '../store/alert-repository';
import { HttpReceiver } from '../testing/alert-receivers';

const UNREACHABLE_HUB = 'Endpoint=sb://127.0.0.1:1/;SharedAccessKeyName=k;SharedAccessKey=a2V5;EntityPath=hub';

/**
 * The Event Hubs and Lytics emitters judge alert rules too (no function-invoker running): each
 * one, alone, announces a rule firing and its resolution when the rule is disabled; while both
 * run, each change is announced once. Real services, Postgres and a local webhook receiver.
 */
describe('alerts in the Event Hubs and Lytics emitters', () => {
  const secretKeys = testSecretKeys();
  const cipher = new SecretCipher(SecretKeyring.fromSettings({ SECRETS_KEYS: secretKeys }));
  const topics = {
    PROFILE_INPUTS_TOPIC: uniqueTopic('alerts-emitters.inputs'),
    MEMBERSHIP_TOPIC: uniqueTopic('alerts-emitters.membership'),
    SNAPSHOT_REQUESTS_TOPIC: uniqueTopic('alerts-emitters.snapshots'),
    CONFIG_CHANGES_TOPIC: uniqueTopic('alerts-emitters.config'),
  };
  let schema: TestSchema;
  let bus: KafkaMessageBus;
  let http: HttpReceiver;
  let alerts: AlertRepository;
  const running: TsProcess[] = [];
  const syncIds = { eventhubs: 0, lytics: 0 };

  const statuses = (path: string) => http.on(path).map((request) => (request.body as { alert: { status: string } }).alert.status);

  async function start(entry: string, service: string): Promise<TsProcess> {
    const port = await freePort();
    const child = spawnTs(entry, {
      ...topics,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_TOPIC_PARTITIONS: '1',
      KAFKA_GROUP_ID: uniqueGroup(service),
      DATABASE_URL: testDatabaseUrl(),
      DATABASE_SCHEMA: schema.name,
      SECRETS_KEYS: secretKeys,
      ALERTS_EVALUATION_INTERVAL_MS: '1000',
      // The webhook receiver listens on loopback: the channels may reach it only when the setting opens it.
      DELIVERY_ALLOWED_PRIVATE_NETWORKS: 'loopback',
    });
    running.push(child);
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200, 90_000, `${service} ready`);
    return child;
  }

  async function stop(service: TsProcess): Promise<void> {
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    running.splice(running.indexOf(service), 1);
  }

  async function subscriptionOf(kind: 'eventhubs' | 'lytics-eventhubs', settings: Record<string, unknown>): Promise<number> {
    const audienceId = randomUUID();
    await schema.dataSource.query(`INSERT INTO audiences (id, slug, name, rule, projected_variables) VALUES ($1, $2, $2, '{}', '{}')`, [audienceId, `a-${audienceId.slice(0, 8)}`]);
    const destinationId = randomUUID();
    await schema.dataSource.query(`INSERT INTO destinations (id, name, kind, settings, secrets) VALUES ($1, $2, $3, $4, $5)`, [
      destinationId, `${kind} ${destinationId.slice(0, 8)}`, kind, JSON.stringify(settings),
      JSON.stringify(cipher.encryptAll({ connectionString: UNREACHABLE_HUB }, secretOwner.destination(destinationId))),
    ]);
    const [{ id }] = await schema.dataSource.query(
      `INSERT INTO subscriptions (name, audience_id, destination_id, projection, initial_sync) VALUES ($1, $2, $3, '{"fields":[]}', 'future-only') RETURNING id`,
      [`${kind} subscription`, audienceId, destinationId],
    );
    return id;
  }

  /** A rejected-row rate of 40 % (6 of 15 rows) in the last minutes: a rule with threshold 20 % fires. */
  async function rejectingCalls(syncId: number): Promise<void> {
    await schema.dataSource.query(
      `INSERT INTO sync_calls (subscription_id, run_id, started_at, operation, row_count, outcome, latency_ms, primary_keys, rejected)
       VALUES ($1, 1, now(), 'add', 10, 'partial', 5, '{}', $2), ($1, 1, now(), 'add', 5, 'rejected', 5, '{}', '[]')`,
      [syncId, JSON.stringify([{ primaryKey: 'a', reason: 'bad' }])],
    );
  }

  async function firingRule(syncId: number, path: string) {
    const channel = await alerts.insertChannel(syncId, { name: `hook ${path}`, kind: 'webhook', settings: { url: http.url(path) } });
    await rejectingCalls(syncId);
    return alerts.insertRule(syncId, {
      name: `rejections ${path}`, kind: 'rejected-rate', enabled: true, channelIds: [channel.id], settings: { threshold: 0.2, windowSeconds: 300, minRows: 10 },
    });
  }

  beforeAll(async () => {
    schema = await createTestSchema();
    bus = createTestBus('alerts-emitters');
    await bus.ensureTopics(Object.values(topics).map((topic) => ({ topic, partitions: 1 })));
    http = await HttpReceiver.start();
    alerts = new AlertRepository(schema.dataSource.manager);
    syncIds.eventhubs = await subscriptionOf('eventhubs', { partnerNumber: 33 });
    syncIds.lytics = await subscriptionOf('lytics-eventhubs', {});
  }, 60_000);

  afterAll(async () => {
    for (const service of running) service.child.kill('SIGTERM');
    await Promise.all(running.map((service) => service.exited));
    await bus?.close();
    await http?.close();
    await schema?.drop();
  });

  it('emitter-eventhubs announces a firing rule; while both emitters run a new rule is announced once; emitter-lytics alone announces a disabled rule resolved', async () => {
    const eventhubs = await start('apps/emitter-eventhubs/src/main.ts', 'emitter-eventhubs');
    const ruleA = await firingRule(syncIds.eventhubs, '/eventhubs');
    await waitFor(async () => statuses('/eventhubs').length === 1, 30_000, 'the Event Hubs rule firing');

    const lytics = await start('apps/emitter-lytics/src/main.ts', 'emitter-lytics');
    // Both evaluate now: a rule added while both run is announced once.
    const ruleB = await firingRule(syncIds.lytics, '/lytics-both');
    await waitFor(async () => statuses('/lytics-both').length === 1, 30_000, 'the rule added while both run');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await stop(eventhubs);

    await alerts.updateRule(ruleA.id, { name: ruleA.name, kind: ruleA.kind, settings: ruleA.settings, channelIds: ruleA.channelIds, enabled: false });
    await waitFor(async () => statuses('/eventhubs').length === 2, 30_000, 'the disabled rule resolved by emitter-lytics');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await stop(lytics);

    expect(statuses('/eventhubs')).toEqual(['firing', 'resolved']);
    expect((http.on('/eventhubs')[1].body as { alert: { summary: string } }).alert.summary).toBe('Rule disabled: not evaluated.');
    expect(statuses('/lytics-both')).toEqual(['firing']);
    expect((await alerts.states([ruleA.id, ruleB.id])).get(ruleB.id)).toMatchObject({ status: 'firing', pendingChannels: [] });
  }, 240_000);
});
