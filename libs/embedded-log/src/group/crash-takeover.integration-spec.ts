import { createTestSchema, spawnTs, testDatabaseUrl, uniqueGroup, uniqueTopic, waitFor, type TestSchema } from '@activation/testing';
import { EmbeddedLogBus } from '../embedded-log-bus';

const TOTAL = 400;
const TIMINGS = { pollIntervalMs: 50, heartbeatIntervalMs: 200, leaseMs: 2_000, maxBatchSize: 20 };

describe('embedded log: a member process killed in the middle of a batch', () => {
  let schema: TestSchema;

  beforeAll(async () => {
    schema = await createTestSchema();
    await schema.dataSource.query(`CREATE TABLE handled (n integer NOT NULL, member text NOT NULL)`);
  });

  afterAll(() => schema.drop());

  it('loses its partitions to the surviving member when its lease expires; nothing is lost', async () => {
    const topic = uniqueTopic('crash');
    const groupId = uniqueGroup('crash');
    const bus = new EmbeddedLogBus({ dataSource: schema.dataSource, clientId: 'survivor', timings: TIMINGS });
    await bus.ensureTopics([{ topic, partitions: 2 }]);
    await bus.publish(topic, Array.from({ length: TOTAL }, (_, n) => ({ key: `k${n % 20}`, value: { n } })));

    const child = spawnTs('libs/embedded-log/fixtures/recording-member.ts', {
      DATABASE_URL: testDatabaseUrl(),
      DATABASE_SCHEMA: schema.name,
      TOPIC: topic,
      GROUP_ID: groupId,
      CRASH_AFTER: '150',
    });
    await waitFor(async () => child.output().includes('consuming'), 30_000, 'the child member to join');

    const survivorPartitions = new Set<number>();
    const subscription = await bus.subscribe({
      groupId, topics: [topic], service: 'survivor',
      handler: async (messages) => {
        for (const message of messages) {
          survivorPartitions.add(message.partition);
          await schema.dataSource.query(`INSERT INTO handled (n, member) VALUES ($1, 'survivor')`, [
            JSON.parse(message.value!.toString()).n,
          ]);
        }
      },
    });
    expect(await child.exited).toBe(137);

    const distinct = async () => Number((await schema.dataSource.query(`SELECT count(DISTINCT n) AS n FROM handled`))[0].n);
    await waitFor(async () => (await distinct()) === TOTAL, 30_000, 'every message after the crash');
    await subscription.stop();
    await bus.close();

    const byMember: Array<{ member: string; count: string }> = await schema.dataSource.query(
      `SELECT member, count(*) AS count FROM handled GROUP BY member ORDER BY member`,
    );
    expect(byMember.map((row) => row.member)).toEqual(['child', 'survivor']);
    expect(survivorPartitions).toEqual(new Set([0, 1]));
    // The batch in flight at the crash was never committed, so the survivor handled it again.
    const [{ total }] = await schema.dataSource.query(`SELECT count(*) AS total FROM handled`);
    expect(Number(total)).toBeGreaterThan(TOTAL);
  });
});
