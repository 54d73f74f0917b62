import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CONFIGURATION_ENTITIES } from '@activation/configuration';
import {
  createTestSchema, spawnTs, testDatabaseUrl, uniqueGroup, uniqueTopic, waitFor, WORKSPACE_ROOT, type TestSchema, type TsProcess,
} from '@activation/testing';
import { createKeys, ingesterTestEnv, post } from '../testing/ingester-harness';
import { valueOf, watchTopic } from '../testing/topic-watcher';

const run = promisify(execFile);
const PUBLISH_TIMEOUT_MS = 1_500;

/** A Kafka broker of this spec's own (port and data folder), so stopping it disturbs no other suite. */
class OwnBroker {
  constructor(
    readonly port: number,
    private readonly dataDir: string,
  ) {}

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    await run('bash', [join(WORKSPACE_ROOT, 'scripts/kafka.sh'), 'start'], { env: this.env(), timeout: 120_000 });
  }

  async stop(): Promise<void> {
    await run('bash', [join(WORKSPACE_ROOT, 'scripts/kafka.sh'), 'stop'], { env: this.env(), timeout: 60_000 });
  }

  private env() {
    return { ...process.env, KAFKA_PORT: String(this.port), KAFKA_DATA_DIR: this.dataDir };
  }
}

async function freePortPair(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if ((await isFree(port)) && (await isFree(port + 1))) return port;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

interface Sent {
  status: number;
  eventId?: string;
  retryAfter?: string | null;
  millis: number;
  phase: 'up' | 'down' | 'back';
}

/**
 * The ingester runs as its own process (apps/ingester/src/main.ts), as in production: Kafka
 * clients that were cut off mid-request live and die with that process, not with the test runner.
 */
describe('Kafka unavailable: fail fast with 503, lose nothing that got 202', () => {
  let broker: OwnBroker;
  let dataDir: string;
  let schema: TestSchema;
  let service: TsProcess;
  let url: string;
  let apiKey: string;
  let outputTopic: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ingester-outage-kafka-'));
    broker = new OwnBroker(await freePortPair(), dataDir);
    await broker.start();
    schema = await createTestSchema({ entities: CONFIGURATION_ENTITIES });
    apiKey = (await createKeys(schema)).ingest;
    const port = await freePortPair();
    const env = ingesterTestEnv(schema, { brokers: [broker.address], topic: uniqueTopic, group: uniqueGroup }, {
      DATABASE_URL: testDatabaseUrl(),
      PORT: String(port),
      LOG_LEVEL: 'warn',
      INGEST_PUBLISH_TIMEOUT_MS: String(PUBLISH_TIMEOUT_MS),
      INGEST_UNAVAILABLE_COOLDOWN_MS: '1000',
      INGEST_RAW_INTAKE_ENABLED: 'false',
      KAFKA_TOPIC_PARTITIONS: '1',
    });
    outputTopic = env['PROFILE_INPUTS_TOPIC'];
    url = `http://127.0.0.1:${port}`;
    service = spawnTs('apps/ingester/src/main.ts', env);
    await waitFor(async () => (await fetch(`${url}/health/ready`)).ok, 90_000, `the ingester to be ready (output: ${service.output().slice(-2000)})`);
  });

  afterAll(async () => {
    if (service) {
      service.child.kill('SIGTERM');
      const exited = await Promise.race([service.exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 10_000))]);
      if (!exited) service.child.kill('SIGKILL');
    }
    await broker?.stop().catch(() => undefined);
    await schema?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After within the publish timeout while Kafka is down, and keeps every accepted change', async () => {
    const sent: Sent[] = [];
    let phase: Sent['phase'] = 'up';
    let sending = true;
    let counter = 0;
    const sender = async () => {
      while (sending) {
        const n = counter++;
        const started = Date.now();
        const response = await post(
          `${url}/v1/profiles`,
          { changes: [{ id: `change-${n}`, profileId: `outage-${n % 7}`, set: { n } }] },
          { 'x-api-key': apiKey },
        );
        const items = response.body['items'] as Array<{ eventId?: string }> | undefined;
        sent.push({ status: response.status, eventId: items?.[0]?.eventId, retryAfter: response.headers.get('retry-after'), millis: Date.now() - started, phase });
        if (response.status === 503) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const senders = Array.from({ length: 4 }, sender);
    const count = (predicate: (s: Sent) => boolean) => sent.filter(predicate).length;
    const until = async (predicate: () => boolean, what: string) => {
      const deadline = Date.now() + 90_000;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(summary(sent))}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      await until(() => count((s) => s.status === 202) >= 40, 'accepted requests before the outage');
      phase = 'down';
      await broker.stop();
      const refusedBefore = count((s) => s.status === 503);
      await until(() => count((s) => s.status === 503) >= refusedBefore + 20, 'refused requests during the outage');
      phase = 'back';
      await broker.start();
      await until(() => count((s) => s.phase === 'back' && s.status === 202) >= 40, 'accepted requests after the outage');
    } finally {
      sending = false;
      await Promise.all(senders);
    }

    const refused = sent.filter((s) => s.status === 503);
    expect(sent.filter((s) => s.status !== 202 && s.status !== 503)).toEqual([]);
    expect(refused.every((s) => Number(s.retryAfter) >= 1)).toBe(true);
    expect(Math.max(...refused.map((s) => s.millis))).toBeLessThan(PUBLISH_TIMEOUT_MS + 3_000);

    const accepted = new Set(sent.filter((s) => s.status === 202).map((s) => s.eventId as string));
    const output = await watchTopic([broker.address], outputTopic, uniqueGroup('outage-output'));
    try {
      await output.until(
        (all) => {
          const seen = new Set(all.map((m) => valueOf(m)['eventId'] as string));
          return [...accepted].every((id) => seen.has(id));
        },
        60_000,
        `all ${accepted.size} accepted changes`,
      );
    } finally {
      await output.stop();
    }
    process.stdout.write(`kafka outage: ${JSON.stringify(summary(sent))}\n`);
  });
});

function summary(sent: Sent[]) {
  const byPhase: Record<string, Record<number, number>> = {};
  for (const s of sent) {
    byPhase[s.phase] ??= {};
    byPhase[s.phase][s.status] = (byPhase[s.phase][s.status] ?? 0) + 1;
  }
  return byPhase;
}
