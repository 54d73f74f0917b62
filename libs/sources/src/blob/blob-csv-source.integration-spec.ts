import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import pino from 'pino';
import { ContainerClient } from '@azure/storage-blob';
import { SecretCipher, SecretKeyring } from '@activation/configuration';
import type { MessageBus } from '@activation/kafka';
import {
  createTestBus, createTestSchema, readTopic, spawnTs, startAzurite, testDatabaseUrl, testKafkaBrokers, uniqueTopic, type RunningAzurite, type TestSchema,
} from '@activation/testing';
import { ConnectorFactory } from '../engine/connector-factory';
import { PullRunner } from '../engine/pull-runner';
import { KnownRecordRepository } from '../repositories/known-record.repository';
import { PullSourceRepository } from '../repositories/pull-source.repository';
import { SourceRunRepository } from '../repositories/source-run.repository';
import { CountingBus } from '../test-support/counting-bus';
import type { BlobCsvSettings } from './blob-csv-settings';

jest.setTimeout(180_000);

/**
 * The memory settings the importing process runs with: a bounded heap and young generation, so
 * garbage is collected instead of piling up, and few malloc arenas (the TypeScript compiler's threads
 * of the test harness would otherwise reserve one each).
 */
const HEAP_LIMIT = '--max-old-space-size=96 --max-semi-space-size=2';

const tsv = (rows: string[][]) => rows.map((row) => row.join('\t')).join('\n') + '\n';
const people = (ids: number[], rename: Record<number, string> = {}) =>
  ids.map((id) => [String(id), rename[id] ?? `Person ${id}`, id % 2 ? 'gold' : 'silver', '2025-01-01T00:00:00Z', 'internal note']);
const HEADER = ['id', 'name', 'tier', 'updated', 'notes'];

describe('Blob CSV source (Azurite)', () => {
  let azurite: RunningAzurite;
  let schema: TestSchema;
  let bus: MessageBus;
  const SECRETS_KEYS = `k1:${Buffer.alloc(32, 5).toString('base64')}`;
  const cipher = new SecretCipher(SecretKeyring.fromSettings({ SECRETS_KEYS }));

  beforeAll(async () => {
    [azurite, schema] = await Promise.all([startAzurite(), createTestSchema()]);
    bus = createTestBus('blob-csv-spec');
  });
  afterAll(async () => {
    await bus?.close();
    await schema?.drop();
    await azurite?.stop();
  });

  async function setUp(container: string, settings: Partial<BlobCsvSettings>) {
    const client = new ContainerClient(azurite.connectionString, container);
    await client.create();
    const topic = uniqueTopic('pull-csv');
    await bus.ensureTopics([{ topic, partitions: 1 }]);
    const sources = new PullSourceRepository(schema.dataSource);
    const runs = new SourceRunRepository(schema.dataSource);
    const counting = new CountingBus(bus);
    const runner = new PullRunner({
      dataSource: schema.dataSource, bus: counting.asBus(), topic, sources, runs, records: new KnownRecordRepository(schema.dataSource),
      logger: pino({ level: 'silent' }),
    });
    const id = randomUUID();
    await sources.insert(schema.dataSource.manager, {
      id, name: `csv-${id}`, kind: 'blob-csv', intervalSeconds: 60, enabled: true,
      settings: { container, entity: 'people', primaryKey: ['id'], ...settings },
      mapping: { entities: { people: { profileId: 'id' } } },
      secrets: cipher.encryptAll({ connectionString: azurite.connectionString }, `pull-source:${id}`),
    });
    const factory = new ConnectorFactory(cipher);
    const runOnce = async () => {
      const source = (await sources.findById(id))!;
      return runs.findById(await runner.run(source, factory.create(source), 'manual'));
    };
    const upload = (name: string, body: string) => client.getBlockBlobClient(name).upload(body, Buffer.byteLength(body));
    return { id, topic, client, runOnce, upload, counting, sources };
  }

  it('diff mode imports exactly the changed and removed rows; malformed rows are reported by line', async () => {
    const { topic, runOnce, upload, counting } = await setUp('diff-exports', {
      delimiter: 'tab', diff: true, fields: ['name', 'tier'], timestampField: 'updated', pattern: '^people-\\d{8}\\.tsv$',
    });
    const first = [HEADER, ...people(Array.from({ length: 50 }, (_, i) => i + 1))];
    first.splice(10, 0, ['bad', 'row', 'with', 'too', 'many', 'fields']);
    await upload('people-20250101.tsv', tsv(first));
    await upload('ignored.txt', 'not,a,match\n');
    const run1 = await runOnce();
    expect(run1).toMatchObject({ status: 'succeeded', upserted: 50, deleted: 0 });
    expect(run1!.notes.join('\n')).toMatch(/people-20250101\.tsv line 11: /);
    const afterFirst = counting.published;

    const kept = Array.from({ length: 51 }, (_, i) => i + 1).filter((id) => id !== 3 && id !== 7);
    await upload('people-20250102.tsv', tsv([HEADER, ...people(kept, { 5: 'Renamed 5', 12: 'Renamed 12' })]));
    const run2 = await runOnce();
    expect(run2).toMatchObject({ status: 'succeeded', upserted: 3, deleted: 2, skipped: 46 });

    const second = (await readTopic(topic, counting.published)).slice(afterFirst).map((m) => JSON.parse((m.value as Buffer).toString()));
    expect(second.map((c) => `${c.profileId}:${c.deleted ? 'deleted' : c.set?.name}`).sort()).toEqual(
      ['12:Renamed 12', '3:deleted', '51:Person 51', '5:Renamed 5', '7:deleted'].sort(),
    );
    expect(second.find((c) => c.profileId === '5').set).toEqual({ name: 'Renamed 5', tier: 'gold', updated: '2025-01-01T00:00:00Z' });
    expect(second.find((c) => c.profileId === '5').changedAt).toBe(Date.parse('2025-01-01T00:00:00Z'));
    expect(await runOnce()).toMatchObject({ status: 'succeeded', upserted: 0, deleted: 0 });
  });

  it('reads files named by timestamp in order', async () => {
    const { runOnce, upload, sources, id } = await setUp('ordered-exports', { delimiter: ';' });
    await upload('2025-01-03.csv', 'id;name\n1;third\n');
    await upload('2025-01-01.csv', 'id;name\n1;first\n');
    await upload('2025-01-02.csv', 'id;name\n1;second\n');
    expect(await runOnce()).toMatchObject({ status: 'succeeded', pages: 3, upserted: 3 });
    expect((await sources.findById(id))!.state).toEqual({ lastFile: '2025-01-03.csv' });
  });

  it('imports a 100 MB file with peak RSS under 300 MB', async () => {
    const { id, topic, client } = await setUp('large-exports', { fields: ['email', 'name'], pageSize: 5_000 });
    const filler = 'x'.repeat(940);
    let bytes = 0;
    let rows = 0;
    const lines = function* () {
      yield 'id,email,name,notes\n';
      while (bytes < 100 * 1024 * 1024) {
        rows += 1;
        const line = `${rows},person${rows}@example.com,Person ${rows},${filler}\n`;
        bytes += line.length;
        yield line;
      }
    };
    await client.getBlockBlobClient('big-20250101.csv').uploadStream(Readable.from(lines()), 4 * 1024 * 1024, 4);
    const child = spawnTs('libs/sources/src/test-support/import-large-file.ts', {
      DATABASE_URL: testDatabaseUrl(), DATABASE_SCHEMA: schema.name, KAFKA_BROKERS: testKafkaBrokers().join(','), TOPIC: topic,
      SOURCE_ID: id, SECRETS_KEYS, NODE_OPTIONS: HEAP_LIMIT, MALLOC_ARENA_MAX: '2', MEMORY_TRACE: process.env['MEMORY_TRACE'] ?? '', KAFKAJS_NO_PARTITIONER_WARNING: '1',
    });
    const code = await child.exited;
    if (code !== 0) throw new Error(`the import process failed (${code}): ${child.output()}`);
    const result = JSON.parse(/RESULT (.*)/.exec(child.output())![1]);
    if (process.env['MEMORY_TRACE']) console.log(child.output());
    console.log(`100 MB CSV (${rows} rows, ${(bytes / 1024 / 1024).toFixed(1)} MiB): ${result.seconds.toFixed(1)} s, peak RSS ${result.maxRssMb.toFixed(0)} MB (${HEAP_LIMIT}, MALLOC_ARENA_MAX=2, TypeScript compiled on the fly)`);
    expect(result.run).toMatchObject({ status: 'succeeded', upserted: rows, rejected: 0 });
    expect(result.maxRssMb).toBeLessThan(300);
  });
});
