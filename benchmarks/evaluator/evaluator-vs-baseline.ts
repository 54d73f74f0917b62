/**
 * The evaluator against the least any durable evaluator must do, on the real broker and database,
 * in one run: a baseline that consumes the same messages, upserts the same profile rows in the
 * same batches and produces one message per input. Prints changes/s (the median of three rounds on
 * fresh inputs) and the input-to-output latency (p50/p99) of both, and their ratio.
 *
 * The evaluator must produce one message per membership change, several per input with 100
 * audiences, so a second baseline does the same upserts and produces, for each input, as many
 * messages as the evaluator did for it, of the evaluator's mean size and with the same headers.
 * Its ratio says how close the evaluator is to the least work that includes its own output, and its
 * own ratio to the first baseline is the ceiling for any evaluator that writes those messages.
 *
 *   node -r @swc-node/register benchmarks/evaluator/evaluator-vs-baseline.ts [inputs] [profiles]
 */
import { HEADERS, randomEventId, type AudienceDefinition, type MembershipEventMessage, type ProfileChangeMessage } from '@activation/contracts';
import { EvaluationEngine, InMemoryAudienceCatalog, readAllMessages } from '@activation/evaluation';
import type { BatchHandler, KafkaMessageBus, OutgoingMessage } from '@activation/kafka';
import type { DataSource } from 'typeorm';
import { createTestAdmin, createTestBus, createTestSchema, testKafkaBrokers, uniqueGroup, uniqueTopic, type TestSchema } from '@activation/testing';
import { generateAudiences } from '../rules/generate-audiences';
import { generateProfiles } from '../rules/generate-profiles';
import { SeededRandom } from '../rules/seeded-random';

const INPUTS = Number(process.argv[2] ?? 20_000);
const PROFILES = Number(process.argv[3] ?? 2_000);
const LATENCY_INPUTS = 5_000;
/** Throughput rounds per system, each on fresh inputs; the median is reported (the machine is shared). */
const ROUNDS = 3;
const LATENCY_RATE_PER_SECOND = 1_000;
const AUDIENCES = 100;

const benchLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (context: object, message: string) => console.warn(message, JSON.stringify(context)),
  error: (context: object, message: string) => console.error(message, JSON.stringify(context)),
};

interface RunResult {
  /** Median of the rounds. */
  changesPerSecond: number;
  rounds: number[];
  p50: number;
  p99: number;
  outputs: number;
  /** Every output message of the run (all phases) per input eventId, and their mean value size. */
  outputsPerInput: Map<string, number>;
  meanOutputBytes: number;
}

function workload(count: number, seed: number, sample: Array<{ attributes: Record<string, unknown> }>): ProfileChangeMessage[] {
  const random = new SeededRandom(seed);
  const keys = ['age', 'city', 'country', 'tier', 'language', 'score', 'email', 'vip', 'optOut', 'tags', 'address', 'stats'];
  return Array.from({ length: count }, () => {
    const source = random.pick(sample).attributes;
    const set: Record<string, unknown> = {};
    for (const key of random.sample(keys, random.integer(1, 3))) if (source[key] !== undefined) set[key] = source[key];
    const now = Date.now();
    return {
      kind: 'profile-change', eventId: randomEventId(), version: 1, profileId: `p-${random.integer(0, PROFILES - 1)}`,
      set, changedAt: now, receivedAt: now, source: 'benchmark',
    };
  });
}

function percentile(sorted: number[], share: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
}

async function publish(bus: KafkaMessageBus, topic: string, inputs: ProfileChangeMessage[]): Promise<void> {
  for (let start = 0; start < inputs.length; start += 2_000) {
    await bus.publish(topic, inputs.slice(start, start + 2_000).map((input) => ({ key: input.profileId, value: input })));
  }
}

/** Publishes at a steady rate, stamping receivedAt at send time; the rate both systems sustain. */
async function publishPaced(bus: KafkaMessageBus, topic: string, inputs: ProfileChangeMessage[]): Promise<void> {
  const chunk = LATENCY_RATE_PER_SECOND / 20;
  for (let start = 0; start < inputs.length; start += chunk) {
    const began = Date.now();
    const slice = inputs.slice(start, start + chunk).map((input) => ({ ...input, receivedAt: began, changedAt: began }));
    await bus.publish(topic, slice.map((input) => ({ key: input.profileId, value: input })));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 50 - (Date.now() - began))));
  }
}

/** Publishes `inputs` to a fresh topic, consumes them all with `handler`; returns the seconds taken. */
async function consumeAll(bus: KafkaMessageBus, name: string, handler: BatchHandler, inputs: ProfileChangeMessage[]): Promise<number> {
  const topic = uniqueTopic(`${name}-backlog`);
  await bus.ensureTopics([{ topic, partitions: 6 }]);
  await publish(bus, topic, inputs);
  let handled = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const started = Date.now();
  const counting: BatchHandler = async (messages, context) => {
    await handler(messages, context);
    handled += messages.length;
    if (handled >= inputs.length) done();
  };
  const subscription = await bus.subscribe({ groupId: uniqueGroup(name), topics: [topic], service: name, handler: counting });
  await finished;
  const seconds = (Date.now() - started) / 1000;
  await subscription.stop();
  return seconds;
}

async function run(
  name: string,
  bus: KafkaMessageBus,
  handler: BatchHandler,
  outputTopic: string,
  inputsOf: (phase: string) => ProfileChangeMessage[],
  latencyOf: (message: { value: unknown; timestamp: number }, sentAt: Map<string, number>) => number | undefined,
): Promise<RunResult> {
  const paced = uniqueTopic(`${name}-paced`);
  await bus.ensureTopics([{ topic: paced, partitions: 6 }, { topic: outputTopic, partitions: 6 }]);
  // Every profile exists first (not timed), so the timed phase measures changes, not first entries.
  await consumeAll(bus, name, handler, inputsOf('warm'));
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const throughputInputs = inputsOf(`throughput-${round}`);
    rounds.push(throughputInputs.length / (await consumeAll(bus, name, handler, throughputInputs)));
  }
  const changesPerSecond = [...rounds].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];

  const latencyInputs = inputsOf('latency');
  const groupId = uniqueGroup(name);
  const live = await bus.subscribe({ groupId, topics: [paced], service: name, handler });
  const admin = await createTestAdmin();
  for (;;) {
    const { groups } = await admin.describeGroups([groupId]);
    if (groups[0]?.state === 'Stable') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await admin.disconnect();
  await publishPaced(bus, paced, latencyInputs);
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  await live.stop();
  const outputs = await readAllMessages(testKafkaBrokers(), outputTopic);
  const sentAt = new Map<string, number>();
  for (const message of await readAllMessages<ProfileChangeMessage>(testKafkaBrokers(), paced)) {
    sentAt.set(message.value.eventId, message.value.receivedAt);
  }
  const firstOutput = new Map<string, number>();
  const outputsPerInput = new Map<string, number>();
  let latencyPhaseOutputs = 0;
  let outputBytes = 0;
  for (const output of outputs) {
    const latency = latencyOf(output, sentAt);
    if (latency !== undefined) latencyPhaseOutputs += 1;
    const value = output.value as { cause?: { inputEventId: string }; inputEventId?: string };
    const key = value.cause?.inputEventId ?? value.inputEventId ?? String(output.offset);
    outputsPerInput.set(key, (outputsPerInput.get(key) ?? 0) + 1);
    outputBytes += Buffer.byteLength(JSON.stringify(output.value));
    if (latency !== undefined && !firstOutput.has(key)) firstOutput.set(key, latency);
  }
  // The first second is left out: the consumer may still be joining its group.
  const warmUp = new Set(latencyInputs.slice(0, LATENCY_RATE_PER_SECOND).map((input) => input.eventId));
  const latencies = [...firstOutput.entries()].filter(([key]) => !warmUp.has(key)).map(([, ms]) => ms).sort((a, b) => a - b);
  return {
    changesPerSecond, rounds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), outputs: latencyPhaseOutputs,
    outputsPerInput, meanOutputBytes: outputs.length === 0 ? 0 : outputBytes / outputs.length,
  };
}

/** The baseline's work: one multi-row upsert of the batch's profile rows, in one transaction. */
async function upsertProfiles(dataSource: DataSource, inputs: readonly ProfileChangeMessage[]): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO profiles (profile_id, attributes, version)
       SELECT DISTINCT ON (e.value->>'profile_id') e.value->>'profile_id', e.value->'attributes', 1
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, n)
       ORDER BY e.value->>'profile_id', e.n DESC
       ON CONFLICT (profile_id) DO UPDATE SET attributes = profiles.attributes || EXCLUDED.attributes,
         version = profiles.version + 1`,
      [JSON.stringify(inputs.map((input) => ({ profile_id: input.profileId, attributes: input.set })))],
    );
  });
}

/** Messages of one input for the second baseline: `count` of them, each padded to `bytes`, evaluator headers. */
function sameCountMessages(input: ProfileChangeMessage, count: number, bytes: number): OutgoingMessage[] {
  return Array.from({ length: count }, (_, index) => {
    const head = JSON.stringify({ inputEventId: input.eventId, receivedAt: input.receivedAt, index, padding: '' });
    const value = `${head.slice(0, -2)}${'x'.repeat(Math.max(0, bytes - head.length))}"}`;
    return {
      key: input.profileId,
      value,
      headers: {
        [HEADERS.eventId]: input.eventId,
        [HEADERS.schemaVersion]: '1',
        [HEADERS.messageType]: 'membership-transition',
        [HEADERS.traceparent]: `00-${input.eventId.replace(/-/g, '')}-${String(index).padStart(16, '0')}-01`,
      },
    };
  });
}

/** Publishes in chunks of at most 2,000 messages or 512 KiB, one after another (as the evaluator does). */
async function publishChunked(bus: KafkaMessageBus, topic: string, messages: OutgoingMessage[]): Promise<void> {
  let chunk: OutgoingMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = (message.value as string).length + 200;
    if (chunk.length > 0 && (bytes + size > 512 * 1024 || chunk.length >= 2_000)) {
      await bus.publish(topic, chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(message);
    bytes += size;
  }
  if (chunk.length > 0) await bus.publish(topic, chunk);
}

async function main(): Promise<void> {
  const sample = generateProfiles(2_000, 1);
  const rules = generateAudiences(AUDIENCES, 2, sample);
  const audiences: AudienceDefinition[] = rules.map((rule, index) => ({
    id: `audience-${index}`, number: index + 1, slug: `audience-${index}`, name: `audience ${index}`, version: 1,
    status: 'active', rule, projectedVariables: ['id'], updatedAt: 0,
  }));
  const warm: ProfileChangeMessage[] = Array.from({ length: PROFILES }, (_, index) => ({
    kind: 'profile-change', eventId: randomEventId(), version: 1, profileId: `p-${index}`,
    set: sample[index % sample.length].attributes, changedAt: 0, receivedAt: 0, source: 'benchmark',
  }));
  const phases: Record<string, ProfileChangeMessage[]> = { warm, latency: workload(LATENCY_INPUTS, 4, sample) };
  for (let round = 0; round < ROUNDS; round++) phases[`throughput-${round}`] = workload(INPUTS, round === 0 ? 3 : 4 + round, sample);
  const bus = createTestBus('evaluator-benchmark', { defaultPartitions: 6, logger: benchLogger });
  const schemas: TestSchema[] = [];
  try {
    const evaluatorSchema = await createTestSchema();
    schemas.push(evaluatorSchema);
    const membershipTopic = uniqueTopic('bench-membership');
    const engine = new EvaluationEngine({
      dataSource: evaluatorSchema.dataSource, bus, catalog: new InMemoryAudienceCatalog(audiences),
      options: { membershipTopic },
    });
    await engine.start({ background: false });
    const evaluator = await run(
      'evaluator', bus, (messages) => engine.handleProfileInputs(messages), membershipTopic,
      (phase) => phases[phase],
      (output, sentAt) => {
        const message = output.value as MembershipEventMessage;
        const sent = sentAt.get(message.cause.inputEventId);
        return sent === undefined ? undefined : output.timestamp - sent;
      },
    );
    await engine.stop();

    const inputLatency = (output: { value: unknown; timestamp: number }, sentAt: Map<string, number>) => {
      const sent = sentAt.get((output.value as { inputEventId: string }).inputEventId);
      return sent === undefined ? undefined : output.timestamp - sent;
    };
    const baselineSchema = await createTestSchema();
    schemas.push(baselineSchema);
    const baselineTopic = uniqueTopic('bench-baseline-out');
    const baseline = await run(
      'baseline', bus,
      async (messages) => {
        const inputs = messages.map((m) => JSON.parse(m.value!.toString()) as ProfileChangeMessage);
        await upsertProfiles(baselineSchema.dataSource, inputs);
        await bus.publish(baselineTopic, inputs.map((input) => ({ key: input.profileId, value: { inputEventId: input.eventId, receivedAt: input.receivedAt } })));
      },
      baselineTopic,
      (phase) => phases[phase],
      inputLatency,
    );

    const sameCountSchema = await createTestSchema();
    schemas.push(sameCountSchema);
    const sameCountTopic = uniqueTopic('bench-same-count-out');
    const bytes = Math.round(evaluator.meanOutputBytes);
    const sameCount = await run(
      'same-count', bus,
      async (messages) => {
        const inputs = messages.map((m) => JSON.parse(m.value!.toString()) as ProfileChangeMessage);
        await upsertProfiles(sameCountSchema.dataSource, inputs);
        await publishChunked(bus, sameCountTopic, inputs.flatMap((input) => sameCountMessages(input, evaluator.outputsPerInput.get(input.eventId) ?? 0, bytes)));
      },
      sameCountTopic,
      (phase) => phases[phase],
      inputLatency,
    );

    const line = (name: string, result: RunResult) =>
      `${name.padEnd(10)} ${result.changesPerSecond.toFixed(0).padStart(8)} changes/s   latency p50 ${String(result.p50).padStart(5)} ms  p99 ${String(result.p99).padStart(5)} ms   (${result.outputs} messages in the latency phase; rounds ${result.rounds.map((r) => r.toFixed(0)).join(', ')})`;
    console.log(`${INPUTS} profile changes over ${PROFILES} profiles (median of ${ROUNDS} rounds), ${AUDIENCES} audiences; latency at ${LATENCY_RATE_PER_SECOND} changes/s`);
    const total = (result: RunResult) => [...result.outputsPerInput.values()].reduce((sum, n) => sum + n, 0);
    console.log(line('evaluator', evaluator));
    console.log(line('baseline', baseline));
    console.log(line('same-count', sameCount));
    console.log(`ratio (evaluator / baseline throughput): ${(evaluator.changesPerSecond / baseline.changesPerSecond).toFixed(2)}`);
    console.log(
      `ceiling (same-count / baseline throughput): ${(sameCount.changesPerSecond / baseline.changesPerSecond).toFixed(2)}` +
        '   (the best ratio any evaluator could reach that writes these messages over this bus)',
    );
    console.log(
      `ratio (evaluator / same-count baseline throughput): ${(evaluator.changesPerSecond / sameCount.changesPerSecond).toFixed(2)}` +
        `   (same-count: ${total(sameCount)} messages of ${bytes} bytes in all phases, the evaluator ${total(evaluator)})`,
    );
  } finally {
    await bus.close();
    for (const schema of schemas) await schema.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
