import { CONFIGURATION_ENTITIES } from '@activation/configuration';
import { createTestBus, createTestSchema, spawnTs, testDatabaseUrl, testKafkaBrokers, uniqueGroup, uniqueTopic, waitFor, type TestSchema, type TsProcess, freePort } from '@activation/testing';
import type { KafkaMessageBus } from '@activation/kafka';
import { membershipEvent } from '../testing/membership-event';
import { insertAudience, insertFunctionDestination, insertSubscription, testCipher, testSecretKeys } from '../testing/configuration-fixtures';
import { FunctionServer } from '../testing/function-server';

const RATE = 8;
const CONCURRENCY = 2;
const ROWS = 100;

/** The most calls any sliding one-second window of arrival times holds. */
function busiestSecond(arrivals: number[]): number {
  const times = [...arrivals].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < times.length; end += 1) {
    while (times[end] - times[start] >= 1_000) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

/**
 * Two function-invoker processes share two destinations with limits of 8 calls/s and 2 at once
 * (one set on the destination, one on the subscription). One replica is killed mid-way; the
 * other takes its destination over. Each function server counts what it sees.
 */
describe('function invoker: rate and concurrency limits across replicas', () => {
  let schema: TestSchema;
  let bus: KafkaMessageBus;
  const servers: FunctionServer[] = [];
  const replicas = new Map<string, TsProcess>();
  const membershipTopic = uniqueTopic('membership');
  const configTopic = uniqueTopic('config');
  const secretKeys = testSecretKeys();
  const audiences: string[] = [];

  beforeAll(async () => {
    schema = await createTestSchema({ entities: CONFIGURATION_ENTITIES });
    bus = createTestBus('limits-spec');
    // Created here, so the two replicas starting together do not race to create them.
    await bus.ensureTopics([
      { topic: membershipTopic, partitions: 3, withDeadLetterTopic: true },
      { topic: configTopic, partitions: 1, withDeadLetterTopic: true },
    ]);
    const cipher = testCipher(secretKeys);
    const limits = { rateLimitPerSecond: RATE, concurrency: CONCURRENCY };
    for (const placement of ['destination', 'subscription'] as const) {
      const server = await FunctionServer.start(() => ({ delayMs: 80 }));
      servers.push(server);
      const audienceId = await insertAudience(schema.dataSource, ['v']);
      audiences.push(audienceId);
      const destinationId = await insertFunctionDestination(schema.dataSource, cipher, {
        url: server.url, timeoutMs: 2_000, ...(placement === 'destination' ? limits : {}),
      });
      await insertSubscription(schema.dataSource, { audienceId, destinationId, fields: ['v'], settings: placement === 'subscription' ? limits : {} });
    }
    const common = {
      DATABASE_URL: testDatabaseUrl(), DATABASE_SCHEMA: schema.name, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_GROUP_ID: uniqueGroup('invoker'),
      MEMBERSHIP_TOPIC: membershipTopic, CONFIG_CHANGES_TOPIC: configTopic, SNAPSHOT_REQUESTS_TOPIC: uniqueTopic('snapshots'),
      SECRETS_KEYS: secretKeys, DELIVERY_ALLOWED_PRIVATE_NETWORKS: 'loopback', DELIVERY_REQUEST_INITIAL_SYNC: 'false',
      DELIVERY_LEASE_TTL_MS: '3000', DELIVERY_LEASE_RENEW_MS: '500', DELIVERY_IDLE_POLL_MS: '500', DELIVERY_RATE_WINDOW_MARGIN_MS: '100',
      LOG_LEVEL: 'warn', KAFKA_TOPIC_PARTITIONS: '3',
    };
    for (const instance of ['r1', 'r2']) {
      replicas.set(instance, spawnTs('apps/function-invoker/src/main.ts', { ...common, SERVICE_INSTANCE: instance, PORT: String(await freePort()) }));
    }
    await waitFor(
      async () => (await schema.dataSource.query(`SELECT count(*)::int AS n FROM delivery_workers WHERE heartbeat_at > now() - interval '2 seconds'`))[0].n === 2,
      90_000,
      'two invoker replicas',
    ).catch((error) => {
      for (const [name, replica] of replicas) console.log(`${name}:\n${replica.output().slice(-3_000)}`);
      throw error;
    });
  });

  afterAll(async () => {
    for (const replica of replicas.values()) replica.child.kill('SIGKILL');
    await Promise.all(servers.map((server) => server.close()));
    await bus?.close();
    await schema?.drop();
  });

  it('never exceeds the limits at the function, through a replica being killed', async () => {
    const owners = async () =>
      (await schema.dataSource.query(`SELECT owner FROM delivery_leases WHERE expires_at > now() ORDER BY scope`)).map((row: { owner: string }) => row.owner);
    await waitFor(async () => new Set(await owners()).size === 2, 30_000, 'each replica holding one destination');
    const events = audiences.flatMap((audienceId) =>
      Array.from({ length: ROWS }, (_, index) => membershipEvent({ audienceId, profileId: `p${index}`, projected: { v: index } })),
    );
    await bus.publish(membershipTopic, events.map((event) => ({ key: event.profileId, value: event })));
    await waitFor(async () => servers.every((server) => server.calls.length >= ROWS * 0.3), 60_000, 'deliveries under way');
    const [victimWorker] = await owners();
    const victim = [...replicas.keys()].find((name) => victimWorker.includes(`-${name}-`))!;
    replicas.get(victim)!.child.kill('SIGKILL');

    const delivered = (server: FunctionServer) => new Set(server.calls.flatMap((call) => call.payload.rows.map((row) => row['profile_id']))).size;
    await waitFor(async () => servers.every((server) => delivered(server) === ROWS), 80_000, 'every row delivered');
    const survivors = new Set(await owners());
    expect(survivors.size).toBe(1);
    expect(survivors.has(victimWorker)).toBe(false);
    for (const server of servers) {
      const busiest = busiestSecond(server.calls.map((call) => call.arrivedAt));
      console.log(`limits: ${server.calls.length} calls, busiest second ${busiest} (limit ${RATE}), most at once ${server.maxConcurrency} (limit ${CONCURRENCY})`);
      expect(busiest).toBeLessThanOrEqual(RATE);
      expect(server.maxConcurrency).toBeLessThanOrEqual(CONCURRENCY);
    }
  });
});
