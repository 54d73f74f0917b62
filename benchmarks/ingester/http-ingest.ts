/**
 * HTTP ingest throughput (profile changes per second) at batch 1 and batch 500, measured with
 * autocannon over loopback against the real ingester process, printed beside the raw
 * throughput of a Kafka producer configured like the ingester's (idempotent, acks = all) in the
 * same run, on the same broker.
 *
 *   node -r @swc-node/register benchmarks/ingester/http-ingest.ts [--duration 10] [--connections 32]
 *
 * Needs Kafka and Postgres (scripts/kafka.sh, scripts/postgres.sh). Uses topics and a schema of
 * its own and removes the schema afterwards.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { CONFIGURATION_ENTITIES } from '@activation/configuration';
import { createTestBus, createTestSchema, spawnTs, testDatabaseUrl, testKafkaBrokers, uniqueGroup, uniqueTopic, waitFor, freePort } from '@activation/testing';
import { createKeys, ingesterTestEnv } from '../../apps/ingester/src/testing/ingester-harness';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const DURATION_S = option('duration', 10);
const CONNECTIONS = option('connections', 32);

const change = (n: number) => ({ profileId: `bench-${n % 10_000}`, set: { email: `user${n}@example.com`, score: n % 100, 'address.city': 'Oslo' } });

async function main(): Promise<void> {
  const schema = await createTestSchema({ entities: CONFIGURATION_ENTITIES });
  const keys = await createKeys(schema);
  const port = await freePort();
  const env = ingesterTestEnv(schema, { brokers: testKafkaBrokers(), topic: uniqueTopic, group: uniqueGroup }, {
    DATABASE_URL: testDatabaseUrl(),
    PORT: String(port),
    LOG_LEVEL: 'warn',
    KAFKA_TOPIC_PARTITIONS: '6',
    INGEST_RAW_INTAKE_ENABLED: 'false',
  });
  const service = spawnTs('apps/ingester/src/main.ts', env);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => (await fetch(`${url}/health/ready`)).ok, 120_000, 'the ingester');
    const kafka = await rawProducerThroughput(env['PROFILE_INPUTS_TOPIC']);
    const batch1 = await httpThroughput(url, keys.ingest, 1);
    const batch500 = await httpThroughput(url, keys.ingest, 500);
    const rows = [
      ['Kafka producer, batch 1 (sequential)', kafka.single],
      ['Kafka producer, batch 500 (sequential)', kafka.batched],
      [`HTTP POST /v1/profiles, batch 1 (${CONNECTIONS} connections)`, batch1.changesPerSecond, batch1.latency],
      [`HTTP POST /v1/profiles, batch 500 (${Math.max(1, CONNECTIONS / 4)} connections)`, batch500.changesPerSecond, batch500.latency],
    ] as const;
    process.stdout.write(`\ningest throughput (changes/s), ${DURATION_S} s per HTTP run, loopback, same broker\n`);
    for (const [name, value, latency] of rows) {
      process.stdout.write(`  ${name.padEnd(52)} ${Math.round(value).toString().padStart(9)}${latency ? `   p50 ${latency.p50} ms, p99 ${latency.p99} ms` : ''}\n`);
    }
    if (batch1.failures + batch500.failures > 0) process.stdout.write(`  non-202 answers: ${batch1.failures + batch500.failures}\n`);
  } finally {
    service.child.kill('SIGTERM');
    await Promise.race([service.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    service.child.kill('SIGKILL');
    await schema.drop();
  }
}

/** Messages of the same size the ingester publishes, straight through a producer (no HTTP). */
async function rawProducerThroughput(topic: string): Promise<{ single: number; batched: number }> {
  const bus = createTestBus('bench-raw-producer');
  const value = (n: number) =>
    Buffer.from(JSON.stringify({ kind: 'profile-change', eventId: '00000000-0000-4000-8000-000000000000', version: 1, ...change(n), changedAt: n, receivedAt: n, source: 'http' }));
  try {
    await bus.publish(topic, [{ key: 'warm-up', value: value(0) }]);
    const singleCount = 2_000;
    let started = process.hrtime.bigint();
    for (let n = 0; n < singleCount; n += 1) await bus.publish(topic, [{ key: `bench-${n}`, value: value(n) }]);
    const single = singleCount / seconds(started);
    const batches = 200;
    started = process.hrtime.bigint();
    for (let b = 0; b < batches; b += 1) {
      await bus.publish(topic, Array.from({ length: 500 }, (_, i) => ({ key: `bench-${i}`, value: value(b * 500 + i) })));
    }
    return { single, batched: (batches * 500) / seconds(started) };
  } finally {
    await bus.close();
  }
}

async function httpThroughput(url: string, apiKey: string, batchSize: number) {
  let counter = 0;
  const result = await autocannon({
    url: `${url}/v1/profiles`,
    method: 'POST',
    duration: DURATION_S,
    connections: batchSize === 1 ? CONNECTIONS : Math.max(1, CONNECTIONS / 4),
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    requests: [
      {
        setupRequest: (request) => {
          const changes = Array.from({ length: batchSize }, () => change(counter++));
          return { ...request, body: JSON.stringify({ changes }) };
        },
      },
    ],
  });
  const ok = result['2xx'];
  return {
    changesPerSecond: (ok * batchSize) / result.duration,
    failures: result.non2xx + result.errors + result.timeouts,
    latency: { p50: result.latency.p50, p99: result.latency.p99 },
  };
}

function seconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
