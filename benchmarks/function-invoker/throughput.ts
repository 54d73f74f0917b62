/**
 * The function invoker end to end on the real Kafka and Postgres: rows per second delivered to a
 * local HTTP function at batch sizes 1, 100 and 1000, then the call rate achieved against a
 * configured rate limit (and the busiest second the function saw).
 *
 *   node -r @swc-node/register benchmarks/function-invoker/throughput.ts [rows-at-batch-1] [rows-at-batch-100] [rows-at-batch-1000]
 *
 * Each case queues its membership events first, then starts the invoker and times from its
 * start until the function has every row; the rate is also shown from the function's first to
 * its last call. Concurrency is 16 calls. The function runs in a process of its own
 * (function-process.ts), so the times it records are its own.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CONFIGURATION_ENTITIES } from '@activation/configuration';
import type { MembershipEventMessage } from '@activation/contracts';
import { createTestBus, createTestSchema, testDatabaseUrl, testKafkaBrokers } from '@activation/testing';
import { insertAudience, insertFunctionDestination, insertSubscription } from '../../libs/function-destination/src/testing/configuration-fixtures';
import { DeliveryHarness } from '../../libs/function-destination/src/testing/delivery-harness';
import { membershipEvent } from '../../libs/function-destination/src/testing/membership-event';

const ROWS = [Number(process.argv[2] ?? 5_000), Number(process.argv[3] ?? 30_000), Number(process.argv[4] ?? 60_000)];
const RATE_LIMIT = 50;
const RATE_ROWS = 500;

interface CaseResult {
  rows: number;
  calls: number;
  totalSeconds: number;
  deliverySeconds: number;
  busiestSecond: number;
  /** Calls per second over the whole seconds from the first call (the last, partial second left out). */
  meanPerSecond: number;
}

interface FunctionProcess {
  url: string;
  stats(): Promise<{ arrivals: number[]; rows: number }>;
  stop(): void;
}

async function startFunctionProcess(): Promise<FunctionProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'function-process.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
  const url = `http://127.0.0.1:${port}/api/audience-changes`;
  return {
    url,
    stats: async () => (await fetch(url)).json() as Promise<{ arrivals: number[]; rows: number }>,
    stop: () => child.kill('SIGTERM'),
  };
}

async function runCase(batchSize: number, rows: number, limits: Record<string, number> = {}): Promise<CaseResult> {
  const harness = await new DeliveryHarness(
    { schema: await createTestSchema({ entities: CONFIGURATION_ENTITIES }), bus: createTestBus('function-invoker-benchmark'), brokers: testKafkaBrokers(), databaseUrl: testDatabaseUrl() },
    { partitions: 6, delivery: { fetchWindow: Math.max(2_000, batchSize * 20) } },
  ).setUp();
  const server = await startFunctionProcess();
  try {
    const audienceId = await insertAudience(harness.dataSource, ['email', 'tier']);
    const destinationId = await insertFunctionDestination(harness.dataSource, harness.cipher, { url: server.url }, { functionKey: 'key', signingSecret: 'secret' });
    await insertSubscription(harness.dataSource, { audienceId, destinationId, fields: ['email', 'tier'], settings: { batchSize, concurrency: 16, ...limits } });
    for (let start = 0; start < rows; start += 5_000) {
      const events: MembershipEventMessage[] = [];
      for (let index = start; index < Math.min(rows, start + 5_000); index += 1) {
        events.push(membershipEvent({ audienceId, profileId: `p${index}`, projected: { email: `p${index}@example.com`, tier: 'gold' } }));
      }
      await harness.publish(events);
    }
    const started = performance.now();
    await harness.startEngine();
    let stats = await server.stats();
    while (stats.rows < rows) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      stats = await server.stats();
    }
    const totalSeconds = (performance.now() - started) / 1000;
    const { arrivals } = stats;
    return {
      rows,
      calls: arrivals.length,
      totalSeconds,
      deliverySeconds: Math.max(0.001, (Math.max(...arrivals) - Math.min(...arrivals)) / 1000),
      busiestSecond: busiestSecond(arrivals),
      meanPerSecond: meanPerWholeSecond(arrivals),
    };
  } finally {
    server.stop();
    await harness.tearDown();
  }
}

function busiestSecond(arrivals: number[]): number {
  const times = [...arrivals].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < times.length; end += 1) {
    while (times[end] - times[start] >= 1_000) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

function meanPerWholeSecond(arrivals: number[]): number {
  const first = Math.min(...arrivals);
  const seconds = Math.floor((Math.max(...arrivals) - first) / 1_000);
  if (seconds === 0) return arrivals.length;
  return arrivals.filter((time) => time - first < seconds * 1_000).length / seconds;
}

async function main(): Promise<void> {
  console.log('function invoker throughput (Kafka + Postgres + local HTTP function, concurrency 16)');
  for (const [index, batchSize] of [1, 100, 1000].entries()) {
    const result = await runCase(batchSize, ROWS[index]);
    console.log(
      `  batch ${String(batchSize).padStart(4)}: ${result.rows} rows in ${result.calls} calls, ` +
        `${Math.round(result.rows / result.totalSeconds)} rows/s from start (${result.totalSeconds.toFixed(1)} s), ` +
        `${Math.round(result.rows / result.deliverySeconds)} rows/s first to last call`,
    );
  }
  const limited = await runCase(1, RATE_ROWS, { rateLimitPerSecond: RATE_LIMIT });
  console.log(
    `  rate limit ${RATE_LIMIT} calls/s: ${limited.calls} calls in ${limited.deliverySeconds.toFixed(1)} s, ` +
      `${limited.meanPerSecond.toFixed(1)} calls/s on average over whole seconds (${((100 * limited.meanPerSecond) / RATE_LIMIT).toFixed(1)}% of the limit), ` +
      `busiest sliding second at the function ${limited.busiestSecond}`,
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
