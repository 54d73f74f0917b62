import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { ContainerClient } from '@azure/storage-blob';
import { SecretCipher, SecretKeyring, secretOwner } from '@activation/configuration';
import { BEHAVIORAL_EVENT_VERSION } from '@activation/contracts';
import type { MessageBus } from '@activation/kafka';
import { createTestBus, createTestSchema, type RunningAzurite, spawnTs, startAzurite, testDatabaseUrl, testKafkaBrokers, type TestSchema, type TsProcess, uniqueGroup, uniqueTopic, waitFor, freePort } from '@activation/testing';

const SECRETS_KEYS = `k1:${Buffer.alloc(32, 9).toString('base64')}`;

describe('emitter-lytics runs event exports', () => {
  let azurite: RunningAzurite;
  let schema: TestSchema;
  let bus: MessageBus;
  let service: TsProcess;
  const topic = uniqueTopic('profile-inputs');

  beforeAll(async () => {
    [azurite, schema] = await Promise.all([startAzurite(), createTestSchema()]);
    bus = createTestBus('event-export-app-spec');
    const port = await freePort();
    service = spawnTs('apps/emitter-lytics/src/main.ts', {
      PORT: String(port), LOG_LEVEL: 'warn', DATABASE_URL: testDatabaseUrl(), DATABASE_SCHEMA: schema.name,
      KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_GROUP_ID: uniqueGroup('emitter-lytics'), KAFKA_TOPIC_PARTITIONS: '2',
      MEMBERSHIP_TOPIC: uniqueTopic('membership'), SNAPSHOT_REQUESTS_TOPIC: uniqueTopic('snapshots'), CONFIG_CHANGES_TOPIC: uniqueTopic('config'),
      PROFILE_INPUTS_TOPIC: topic, EVENT_EXPORT_GROUP_ID: uniqueGroup('event-export'), EVENT_EXPORT_TICK_MS: '300', SECRETS_KEYS,
    });
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok, 90_000, `emitter-lytics to be ready: ${service.output()}`);
  });

  afterAll(async () => {
    service?.child.kill('SIGTERM');
    await service?.exited;
    await bus?.close();
    await schema?.drop();
    await azurite?.stop();
  });

  it('keeps the published events and writes a saved export to its container', async () => {
    const eventIds = [randomUUID(), randomUUID()];
    await bus.publish(topic, eventIds.map((eventId, index) => ({
      key: `p-${index}`,
      value: {
        kind: 'event', eventId, version: BEHAVIORAL_EVENT_VERSION, profileId: `p-${index}`, name: 'purchase', occurredAt: 1_700_000_000_000 + index,
        receivedAt: 1_700_000_001_000, source: 'web', properties: { total: 10 + index },
      },
    })));
    await waitFor(async () => {
      const [row] = await schema.dataSource.query(`SELECT count(*)::int AS stored FROM export_events WHERE event_id = ANY($1::uuid[])`, [eventIds]);
      return row.stored === 2;
    }, 60_000, 'the service to keep the events for export');

    const id = randomUUID();
    const container = 'app-exports';
    await new ContainerClient(azurite.connectionString, container).create();
    const cipher = new SecretCipher(SecretKeyring.fromSettings({ SECRETS_KEYS }));
    await schema.dataSource.query(
      `INSERT INTO destinations (id, name, kind, settings, secrets) VALUES ($1, 'app-export', 'event-export', $2, $3)`,
      [id, { container, fileName: 'purchases-{TIMESTAMP}', includeHeaders: true, streams: ['purchase'] },
        cipher.encryptAll({ connectionString: azurite.connectionString }, secretOwner.destination(id))],
    );

    const client = new ContainerClient(azurite.connectionString, container);
    const name = await waitFor(async () => {
      for await (const blob of client.listBlobsFlat()) return blob.name;
      return undefined;
    }, 60_000, 'the export file');
    expect(name).toMatch(/^purchases-\d{8}-\d{6}\.csv$/);
    const rows: Array<Record<string, string>> = parse((await client.getBlobClient(name).downloadToBuffer()).toString('utf8'), { columns: true });
    expect(rows.map((row) => `${row['event_id']}:${row['total']}`).sort()).toEqual([`${eventIds[0]}:10`, `${eventIds[1]}:11`].sort());
  });
});
