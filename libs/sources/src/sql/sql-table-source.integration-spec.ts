import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { SecretCipher, SecretKeyring } from '@activation/configuration';
import type { MessageBus } from '@activation/kafka';
import { createTestBus, createTestSchema, readTopic, testDatabaseUrl, uniqueTopic, type TestSchema } from '@activation/testing';
import { ConnectorFactory } from '../engine/connector-factory';
import { PullRunner } from '../engine/pull-runner';
import { KnownRecordRepository } from '../repositories/known-record.repository';
import { PullSourceRepository } from '../repositories/pull-source.repository';
import { SourceRunRepository } from '../repositories/source-run.repository';
import { CountingBus } from '../test-support/counting-bus';
import type { SqlSourceSettings } from './sql-source-settings';

jest.setTimeout(120_000);

const ROWS = 10_000;
const TIES = 250;
const BASE = '2025-03-01 00:00:00.123456+00';

describe('SQL table source (PostgreSQL)', () => {
  let schema: TestSchema;
  let bus: MessageBus;
  const cipher = new SecretCipher(SecretKeyring.fromSettings({ SECRETS_KEYS: `k1:${Buffer.alloc(32, 3).toString('base64')}` }));

  beforeAll(async () => {
    schema = await createTestSchema();
    bus = createTestBus('sql-source-spec');
    await schema.dataSource.query(`CREATE TABLE crm_customers (id integer PRIMARY KEY, updated_at timestamptz NOT NULL, name text, email text)`);
    await schema.dataSource.query(
      `INSERT INTO crm_customers SELECT i, $1::timestamptz + make_interval(secs => (i - 1) / ${TIES}), 'Customer ' || i, 'c' || i || '@example.com'
       FROM generate_series(1, ${ROWS}) AS i`, [BASE],
    );
    await schema.dataSource.query(`CREATE VIEW slow_customers AS SELECT c.*, pg_sleep(0.3)::text AS slept FROM crm_customers c WHERE c.id <= 3`);
  });
  afterAll(async () => {
    await bus.close();
    await schema.drop();
  });

  async function setUp(settings: Partial<SqlSourceSettings>, entity = 'crm_customers') {
    const topic = uniqueTopic('pull-sql');
    await bus.ensureTopics([{ topic, partitions: 3 }]);
    const sources = new PullSourceRepository(schema.dataSource);
    const runs = new SourceRunRepository(schema.dataSource);
    const counting = new CountingBus(bus);
    const runner = new PullRunner({
      dataSource: schema.dataSource, bus: counting.asBus(), topic, sources, runs, records: new KnownRecordRepository(schema.dataSource),
      logger: pino({ level: 'silent' }),
    });
    const id = randomUUID();
    await sources.insert(schema.dataSource.manager, {
      id, name: `sql-${id}`, kind: 'sql', intervalSeconds: 60, enabled: true,
      settings: { dialect: 'postgres', schema: schema.name, table: entity, timestampColumn: 'updated_at', primaryKey: ['id'], pageSize: 300, ...settings },
      mapping: { entities: { [entity]: { profileId: 'id' } }, hashedColumns: ['email'] },
      secrets: cipher.encryptAll({ connectionString: testDatabaseUrl() }, `pull-source:${id}`),
    });
    const factory = new ConnectorFactory(cipher);
    const runOnce = async () => {
      const source = (await sources.findById(id))!;
      return runs.findById(await runner.run(source, factory.create(source), 'schedule'));
    };
    const profileIds = async () => new Set((await readTopic(topic, counting.published, 60_000)).map((m) => m.key));
    return { runOnce, profileIds, counting };
  }

  it('imports 10,000 rows with equal timestamps across page boundaries, then new and late rows on the next run', async () => {
    const { runOnce, profileIds } = await setUp({ lookbackSeconds: 120 });
    const first = await runOnce();
    expect(first).toMatchObject({ status: 'succeeded', upserted: ROWS, pages: Math.ceil(ROWS / 300), rejected: 0 });
    const ids = await profileIds();
    expect(ids.size).toBe(ROWS);

    const last = `$1::timestamptz + make_interval(secs => ${(ROWS - 1) / TIES | 0})`;
    await schema.dataSource.query(
      `INSERT INTO crm_customers SELECT i, ${last} + make_interval(secs => 5), 'New ' || i, NULL FROM generate_series(${ROWS + 1}, ${ROWS + 20}) AS i`, [BASE],
    );
    // Committed after the first run, but stamped 30 s before its cursor: inside the look-back window.
    await schema.dataSource.query(`INSERT INTO crm_customers VALUES (20001, ${last} - interval '30 seconds', 'Late', NULL)`, [BASE]);
    const second = await runOnce();
    expect(second).toMatchObject({ status: 'succeeded', rejected: 0 });
    expect(second!.upserted).toBeGreaterThanOrEqual(21);
    const after = await profileIds();
    for (let id = ROWS + 1; id <= ROWS + 20; id += 1) expect(after.has(String(id))).toBe(true);
    expect(after.has('20001')).toBe(true);
    expect(after.size).toBe(ROWS + 21);
  });

  it('starts at the since-timestamp (the late row is older, so not read)', async () => {
    const since = '2025-03-01T00:00:30.123456Z';
    const { runOnce } = await setUp({ sinceTimestamp: since });
    const [{ count }] = await schema.dataSource.query(`SELECT count(*)::int AS count FROM crm_customers WHERE updated_at >= $1`, [since]);
    expect(count).toBeGreaterThanOrEqual(ROWS - 30 * TIES);
    expect(await runOnce()).toMatchObject({ status: 'succeeded', upserted: count });
  });

  it('stops a query that exceeds the query timeout', async () => {
    const { runOnce } = await setUp({ queryTimeoutMs: 200 }, 'slow_customers');
    const run = await runOnce();
    expect(run).toMatchObject({ status: 'failed' });
    expect(run!.error!.message).toMatch(/statement timeout/);
  });

  it('names the connectionString secret when it is malformed or cannot connect', async () => {
    const factory = new ConnectorFactory(cipher);
    const testWith = async (connectionString: string) => {
      const id = randomUUID();
      const source = {
        id, name: `sql-${id}`, kind: 'sql' as const, intervalSeconds: 60, enabled: true, state: {}, nextRunAt: new Date(), runRequestedAt: null,
        resyncRequested: false, createdAt: new Date(), updatedAt: new Date(),
        settings: { dialect: 'postgres', table: 'crm_customers', timestampColumn: 'updated_at', primaryKey: ['id'] },
        mapping: { entities: { crm_customers: { profileId: 'id' } } },
        secrets: cipher.encryptAll({ connectionString }, `pull-source:${id}`),
      };
      const connector = factory.create(source);
      try {
        return await connector.test();
      } finally {
        await connector.close?.();
      }
    };
    const malformed = await testWith('not a url');
    expect(malformed).toEqual({ ok: false, message: expect.stringMatching(/^the secret connectionString must be a postgres:\/\/ or postgresql:\/\/ URL/) });
    const unreachable = await testWith('postgres://app:s3cret@127.0.0.1:1/crm');
    expect(unreachable).toEqual({ ok: false, message: expect.stringMatching(/^cannot connect with the secret connectionString: .*ECONNREFUSED/) });
    expect(unreachable.message).not.toContain('s3cret');
  });
});
