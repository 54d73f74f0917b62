import type { DataSource } from 'typeorm';
import { createDataSource } from '@activation/persistence';
import { createTestSchema, testDatabaseUrl, uniqueTopic, type TestSchema } from '@activation/testing';
import { EmbeddedLogBus } from '../embedded-log-bus';
import { UnknownTopicError } from './topic-registry';

describe('embedded log: publishing', () => {
  let schema: TestSchema;
  let secondDataSource: DataSource;

  beforeAll(async () => {
    schema = await createTestSchema();
    secondDataSource = createDataSource({ url: testDatabaseUrl(), schema: schema.name, poolSize: 4, applicationName: 'second-publisher' });
    await secondDataSource.initialize();
  });

  afterAll(async () => {
    await secondDataSource.destroy();
    await schema.drop();
  });

  const recordsOf = (topic: string): Promise<Array<{ partition: number; offset: string; call: string }>> =>
    schema.dataSource.query(
      `SELECT partition, "offset", headers->>'x-call' AS call FROM log_records WHERE topic = $1 ORDER BY partition, "offset"`,
      [topic],
    );

  it('gives each partition gap-free, increasing offsets under concurrent publishers, one call contiguous', async () => {
    const topic = uniqueTopic('concurrent');
    const buses = [schema.dataSource, secondDataSource].map((dataSource) => new EmbeddedLogBus({ dataSource, clientId: 'publisher' }));
    await buses[0].ensureTopics([{ topic, partitions: 3 }]);
    const calls = Array.from({ length: 20 }, (_, call) =>
      buses[call % 2].publish(
        topic,
        Array.from({ length: 50 }, (_, i) => ({ key: `k${i % 7}`, value: { call, i }, headers: { 'x-call': String(call) } })),
      ),
    );
    await Promise.all(calls);

    const records = await recordsOf(topic);
    expect(records).toHaveLength(1000);
    for (const partition of [0, 1, 2]) {
      const inPartition = records.filter((r) => r.partition === partition);
      expect(inPartition.map((r) => Number(r.offset))).toEqual(inPartition.map((_, i) => i));
      // A publish call is one transaction: its records of a partition are never interleaved with another call's.
      const callOrder = inPartition.map((r) => r.call).filter((call, i, all) => i === 0 || all[i - 1] !== call);
      expect(new Set(callOrder).size).toBe(callOrder.length);
    }
    const counters: Array<{ partition: number; next_offset: string }> = await schema.dataSource.query(
      `SELECT partition, next_offset FROM log_partitions WHERE topic = $1 ORDER BY partition`,
      [topic],
    );
    for (const counter of counters) {
      expect(Number(counter.next_offset)).toBe(records.filter((r) => r.partition === counter.partition).length);
    }
  });

  it('appends all records of a call or none', async () => {
    const topic = uniqueTopic('atomic');
    const bus = new EmbeddedLogBus({ dataSource: schema.dataSource, clientId: 'publisher' });
    await bus.ensureTopics([{ topic, partitions: 3 }]);
    await bus.publish(topic, [{ key: 'before', value: 'kept' }]);
    const messages = Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: { i } }));
    // jsonb cannot hold a NUL character: the last statement of the transaction fails.
    messages.push({ key: 'k29', value: { i: 30 }, headers: { bad: 'nul \u0000 here' } } as never);
    await expect(bus.publish(topic, messages)).rejects.toThrow();

    expect(await recordsOf(topic)).toHaveLength(1);
    const [{ total }] = await schema.dataSource.query(`SELECT sum(next_offset) AS total FROM log_partitions WHERE topic = $1`, [topic]);
    expect(Number(total)).toBe(1);
  });

  it('refuses a topic that does not exist unless auto-creation is on', async () => {
    const topic = uniqueTopic('missing');
    const strict = new EmbeddedLogBus({ dataSource: schema.dataSource, clientId: 'publisher' });
    await expect(strict.publish(topic, [{ key: null, value: 'x' }])).rejects.toBeInstanceOf(UnknownTopicError);
    const lenient = new EmbeddedLogBus({ dataSource: schema.dataSource, clientId: 'publisher', autoCreateTopics: true, defaultPartitions: 2 });
    await lenient.publish(topic, [{ key: null, value: 'x' }]);
    const [{ partitions }] = await schema.dataSource.query(`SELECT partitions FROM log_topics WHERE name = $1`, [topic]);
    expect(partitions).toBe(2);
  });

  it('creates topics once, keeps their partition count, and creates the dead-letter topic alike', async () => {
    const topic = uniqueTopic('ensure');
    const bus = new EmbeddedLogBus({ dataSource: schema.dataSource, clientId: 'admin' });
    await Promise.all([
      bus.ensureTopics([{ topic, partitions: 4, withDeadLetterTopic: true }]),
      new EmbeddedLogBus({ dataSource: secondDataSource, clientId: 'admin' }).ensureTopics([{ topic, partitions: 4 }]),
    ]);
    await bus.ensureTopics([{ topic, partitions: 9 }]);
    const rows: Array<{ name: string; partitions: number; rows: string }> = await schema.dataSource.query(
      `SELECT t.name, t.partitions, (SELECT count(*) FROM log_partitions p WHERE p.topic = t.name) AS rows
       FROM log_topics t WHERE t.name IN ($1, $2) ORDER BY t.name`,
      [topic, `${topic}.dlq`],
    );
    expect(rows).toEqual([
      { name: topic, partitions: 4, rows: '4' },
      { name: `${topic}.dlq`, partitions: 4, rows: '4' },
    ]);
  });

  it('validates names and answers ping', async () => {
    const bus = new EmbeddedLogBus({ dataSource: schema.dataSource, clientId: 'admin' });
    await expect(bus.ensureTopics([{ topic: 'bad topic!' }])).rejects.toBeInstanceOf(TypeError);
    await expect(bus.publish('', [{ key: null, value: 'x' }])).rejects.toBeInstanceOf(TypeError);
    await expect(bus.subscribe({ groupId: '', topics: ['t'], service: 's', handler: async () => undefined })).rejects.toBeInstanceOf(TypeError);
    await expect(bus.ping()).resolves.toBeUndefined();
  });
});
