import { randomEventId } from '@activation/contracts';
import {
  createTestBus, createTestSchema, spawnTs, testDatabaseUrl, testKafkaBrokers, uniqueGroup, uniqueTopic, waitFor,
  type TestSchema,
} from '@activation/testing';

const TOTAL = 2000;

describe('kafkajs message bus: a consumer killed between handling and commit', () => {
  let schema: TestSchema;

  beforeAll(async () => {
    schema = await createTestSchema({ migrate: false });
    await schema.dataSource.query(`CREATE TABLE handled (event_id uuid NOT NULL, pid integer NOT NULL)`);
  });

  afterAll(() => schema.drop());

  it('loses nothing after restart, and redelivered messages carry the same eventId', async () => {
    const topic = uniqueTopic('crash');
    const groupId = uniqueGroup('crash');
    const producer = createTestBus('crash-producer');
    await producer.ensureTopics([{ topic, partitions: 3 }]);
    const eventIds = Array.from({ length: TOTAL }, () => randomEventId());
    await producer.publish(topic, eventIds.map((eventId, i) => ({ key: `p-${i % 50}`, value: { eventId } })));
    await producer.close();

    const env = {
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      DATABASE_URL: testDatabaseUrl(),
      DATABASE_SCHEMA: schema.name,
      TOPIC: topic,
      GROUP_ID: groupId,
    };
    const crashing = spawnTs('integration/messaging/fixtures/recording-consumer.ts', { ...env, CRASH_AFTER: '700' });
    expect(await crashing.exited).toBe(137);

    const count = async () => Number((await schema.dataSource.query(`SELECT count(*) AS n FROM handled`))[0].n);
    const handledBeforeCrash = await count();
    expect(handledBeforeCrash).toBe(700);

    const restarted = spawnTs('integration/messaging/fixtures/recording-consumer.ts', env);
    const distinct = async () =>
      Number((await schema.dataSource.query(`SELECT count(DISTINCT event_id) AS n FROM handled`))[0].n);
    await waitFor(async () => (await distinct()) === TOTAL, 90_000, 'every message after restart');
    restarted.child.kill('SIGTERM');
    expect(await restarted.exited).toBe(0);

    const rows: Array<{ event_id: string }> = await schema.dataSource.query(`SELECT event_id FROM handled`);
    expect(new Set(rows.map((r) => r.event_id))).toEqual(new Set(eventIds));
    const duplicates = rows.length - TOTAL;
    // The batch in flight at the crash was never committed, so it is handled again, with the same ids.
    expect(duplicates).toBeGreaterThan(0);
  });
});
