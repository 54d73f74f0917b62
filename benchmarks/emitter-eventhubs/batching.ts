/**
 * Messages per second into the Event Hubs emulator: the emitter's batching (EventDataBatch per
 * partition key, keys sent concurrently) against one message per send, in the same run.
 *
 *   node -r @swc-node/register benchmarks/emitter-eventhubs/batching.ts [profiles] [rows-per-call]
 *
 * Seed 002 messages are built from synthetic rows (1 to 3 partner ids per profile, so several
 * messages per profile) and sent in calls of `rows-per-call` profiles, as the delivery framework
 * hands them to the sender. The emulator runs in a process of its own (scripts/eventhubs-emulator.ts),
 * so its work does not slow the sender's process. Each case sends every message; the hub is the
 * same for all cases (events are appended).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { EventHubProducerClient } from '@azure/event-hubs';
import { audienceMessages, EventHubsPublisher, type OutgoingEvent } from '@activation/eventhubs-destination';

const PROFILES = Number(process.argv[2] ?? 3_000);
const ROWS_PER_CALL = Number(process.argv[3] ?? 100);
const HUB = 'bench';
const RETRY = { maxRetries: 2, retryDelayInMs: 100, timeoutInMs: 30_000 };
const CONTEXT = { partnerNumber: 33, siteNumber: 1234, sourceName: 'Benchmark audience', data: { campaign: 'spring' } };

/** One call's messages: each profile of the call gives one message per partner id. */
function calls(): OutgoingEvent[][] {
  const result: OutgoingEvent[][] = [];
  for (let start = 0; start < PROFILES; start += ROWS_PER_CALL) {
    const events: OutgoingEvent[] = [];
    for (let n = start; n < Math.min(PROFILES, start + ROWS_PER_CALL); n++) {
      const profileId = `profile-${n}`;
      const ids = Array.from({ length: 1 + (n % 3) }, (_, i) => `${n}-${i}`);
      const row = {
        callType: 'NEW' as const,
        values: { lastCategory: String(n % 97), tier: 'gold' },
        envelope: {
          profileId, audienceId: 'dc0beb89-2d63-4ec7-899a-6e986ed8932f', audienceNumber: 123, audienceSlug: 'bench', audienceVersion: 1,
          identifiers: { '33': ids }, timestamp: 1_767_225_600_000 + n, enteredAt: 1_767_225_600_000, exitedAt: null, kind: 'transition' as const, backfill: false,
        },
      };
      for (const message of audienceMessages(row, CONTEXT)) events.push({ body: message, partitionKey: profileId });
    }
    result.push(events);
  }
  return result;
}

async function startEmulator(): Promise<{ child: ChildProcess; connectionString: string }> {
  const key = randomBytes(32).toString('base64');
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, '../../scripts/eventhubs-emulator.ts'), '--port', '0', '--hub', `${HUB}:4`, '--key', `RootManageSharedAccessKey=${key}`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) if (line.startsWith('Endpoint=')) return { child, connectionString: line };
  throw new Error('the emulator did not print a connection string');
}

async function timed(name: string, messages: number, run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  const rate = messages / seconds;
  console.log(`${name.padEnd(52)} ${String(messages).padStart(7)} messages in ${seconds.toFixed(2).padStart(6)} s = ${rate.toFixed(0).padStart(7)} messages/s`);
  return rate;
}

async function main(): Promise<void> {
  const { child, connectionString } = await startEmulator();
  const work = calls();
  const total = work.reduce((sum, events) => sum + events.length, 0);
  console.log(`${PROFILES} profiles, ${total} messages, calls of ${ROWS_PER_CALL} profiles, emulator with 4 partitions\n`);
  const producer = new EventHubProducerClient(connectionString, { retryOptions: RETRY });
  const batched = new EventHubsPublisher(connectionString, { retry: RETRY });
  const batchedOneKeyAtATime = new EventHubsPublisher(connectionString, { retry: RETRY, keysInFlight: 1 });
  try {
    // Warm up connections and links of every client.
    await producer.sendBatch([{ body: 'warm-up' }], { partitionKey: 'warm-up' });
    await batched.send([{ body: 'warm-up', partitionKey: 'warm-up' }], { timeoutMs: 30_000 });
    await batchedOneKeyAtATime.send([{ body: 'warm-up', partitionKey: 'warm-up' }], { timeoutMs: 30_000 });

    const baseline = await timed('one message per send (baseline)', total, async () => {
      for (const events of work) for (const event of events) await producer.sendBatch([{ body: event.body }], { partitionKey: event.partitionKey });
    });
    const sequential = await timed('EventDataBatch per key, one key at a time', total, async () => {
      for (const events of work) await batchedOneKeyAtATime.send(events, { timeoutMs: 60_000 });
    });
    const emitter = await timed('EventDataBatch per key, 32 keys at once (emitter)', total, async () => {
      for (const events of work) await batched.send(events, { timeoutMs: 60_000 });
    });
    console.log(`\nbatching, one key at a time: ${(sequential / baseline).toFixed(2)}x the baseline`);
    console.log(`emitter (batching, keys at once): ${(emitter / baseline).toFixed(2)}x the baseline`);
  } finally {
    await Promise.all([producer.close(), batched.close(), batchedOneKeyAtATime.close()]);
    child.kill('SIGTERM');
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
