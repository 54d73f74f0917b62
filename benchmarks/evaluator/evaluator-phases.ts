/**
 * Where the evaluator's batch time goes: consumes the benchmark workload once and prints the time
 * spent per SQL statement kind, in Kafka publishes and in the rest (decoding, evaluating).
 *
 *   node -r @swc-node/register benchmarks/evaluator/evaluator-phases.ts [inputs] [profiles] [cpu-profile-file]
 *
 * With a third argument, the timed phase alone is CPU-profiled into that file (open it in
 * Chrome DevTools or any .cpuprofile viewer).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { randomEventId, type AudienceDefinition, type ProfileChangeMessage } from '@activation/contracts';
import { EvaluationEngine, InMemoryAudienceCatalog } from '@activation/evaluation';
import type { BatchHandler, MessageBus } from '@activation/kafka';
import { createTestBus, createTestSchema, uniqueGroup, uniqueTopic } from '@activation/testing';
import type { DataSource } from 'typeorm';
import { generateAudiences } from '../rules/generate-audiences';
import { generateProfiles } from '../rules/generate-profiles';
import { SeededRandom } from '../rules/seeded-random';

const INPUTS = Number(process.argv[2] ?? 10_000);
const PROFILES = Number(process.argv[3] ?? 2_000);
const CPU_PROFILE = process.argv[4];
const spent = new Map<string, { ms: number; calls: number; rows: number }>();

function record(name: string, ms: number, rows = 0): void {
  const entry = spent.get(name) ?? { ms: 0, calls: 0, rows: 0 };
  entry.ms += ms;
  entry.calls += 1;
  entry.rows += rows;
  spent.set(name, entry);
}

async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const began = performance.now();
  let rows = 0;
  try {
    const result = await work();
    if (Array.isArray(result)) rows = result.length;
    return result;
  } finally {
    record(name, performance.now() - began, rows);
  }
}

function statementName(sql: string): string {
  const words = sql.replace(/\s+/g, ' ').trim().split(' ');
  const table = words.find((_, i) => i > 0 && ['INTO', 'FROM', 'UPDATE'].includes(words[i - 1] ?? '')) ?? '';
  return `sql ${words[0]} ${table}`.slice(0, 60);
}

interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

function timedQueries<T extends Queryable>(target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (property === 'query') {
        return (sql: string, parameters?: unknown[]) => timed(statementName(sql), () => object.query(sql, parameters));
      }
      if (property === 'transaction') {
        return (work: (manager: Queryable) => Promise<unknown>) =>
          (value as (w: (m: Queryable) => Promise<unknown>) => Promise<unknown>).call(object, (manager) => work(timedQueries(manager)));
      }
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

function timedBus(bus: MessageBus): MessageBus {
  return new Proxy(bus, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (property === 'publish') return (topic: string, messages: never[]) => timed('kafka publish', () => object.publish(topic, messages));
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

async function consume(bus: MessageBus, handler: BatchHandler, inputs: ProfileChangeMessage[]): Promise<number> {
  const topic = uniqueTopic('phases');
  await bus.ensureTopics([{ topic, partitions: 6 }]);
  for (let start = 0; start < inputs.length; start += 2_000) {
    await bus.publish(topic, inputs.slice(start, start + 2_000).map((input) => ({ key: input.profileId, value: input })));
  }
  let handled = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const started = Date.now();
  const subscription = await bus.subscribe({
    groupId: uniqueGroup('phases'), topics: [topic], service: 'phases',
    handler: async (messages, context) => {
      await timed('handler total', () => handler(messages, context));
      record(`batch size ${messages.length < 50 ? '<50' : messages.length < 500 ? '<500' : '>=500'}`, 0);
      handled += messages.length;
      if (handled >= inputs.length) done();
    },
  });
  await finished;
  const seconds = (Date.now() - started) / 1000;
  await subscription.stop();
  return seconds;
}

async function main(): Promise<void> {
  const sample = generateProfiles(2_000, 1);
  const audiences: AudienceDefinition[] = generateAudiences(100, 2, sample).map((rule, index) => ({
    id: `audience-${index}`, number: index + 1, slug: `audience-${index}`, name: `audience ${index}`, version: 1,
    status: 'active', rule, projectedVariables: ['id'], updatedAt: 0,
  }));
  const random = new SeededRandom(3);
  const keys = ['age', 'city', 'country', 'tier', 'language', 'score', 'email', 'vip', 'optOut', 'tags', 'address', 'stats'];
  const now = Date.now();
  const warm: ProfileChangeMessage[] = Array.from({ length: PROFILES }, (_, index) => ({
    kind: 'profile-change', eventId: randomEventId(), version: 1, profileId: `p-${index}`,
    set: sample[index % sample.length].attributes, changedAt: 0, receivedAt: 0, source: 'benchmark',
  }));
  const changes: ProfileChangeMessage[] = Array.from({ length: INPUTS }, () => {
    const source = random.pick(sample).attributes;
    const set: Record<string, unknown> = {};
    for (const key of random.sample(keys, random.integer(1, 3))) if (source[key] !== undefined) set[key] = source[key];
    return { kind: 'profile-change', eventId: randomEventId(), version: 1, profileId: `p-${random.integer(0, PROFILES - 1)}`, set, changedAt: now, receivedAt: now, source: 'benchmark' };
  });
  const bus = createTestBus('evaluator-phases', { defaultPartitions: 6 });
  const schema = await createTestSchema();
  try {
    const engine = new EvaluationEngine({
      dataSource: timedQueries(schema.dataSource) as DataSource, bus: timedBus(bus), catalog: new InMemoryAudienceCatalog(audiences),
      options: { membershipTopic: uniqueTopic('phases-membership') },
    });
    await engine.start({ background: false });
    const handler: BatchHandler = (messages) => engine.handleProfileInputs(messages);
    await consume(bus, handler, warm);
    spent.clear();
    const session = CPU_PROFILE ? new Session() : undefined;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const cpu = process.cpuUsage();
    const seconds = await consume(bus, handler, changes);
    const used = process.cpuUsage(cpu);
    if (session && CPU_PROFILE) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(CPU_PROFILE, JSON.stringify(profile));
      session.disconnect();
    }
    console.log(`evaluator process cpu: ${((used.user + used.system) / 1000).toFixed(0)} ms`);
    await engine.stop();
    console.log(`${INPUTS} changes in ${seconds.toFixed(2)} s: ${(INPUTS / seconds).toFixed(0)} changes/s`);
    for (const [name, { ms, calls, rows }] of [...spent.entries()].sort((a, b) => b[1].ms - a[1].ms)) {
      const returned = rows > 0 ? ` ${String(rows).padStart(8)} rows returned` : '';
      console.log(`${name.padEnd(60)} ${ms.toFixed(0).padStart(7)} ms ${String(calls).padStart(6)} calls${returned}`);
    }
  } finally {
    await bus.close();
    await schema.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
