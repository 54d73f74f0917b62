import { Kafka, logLevel } from 'kafkajs';
import { CONFIGURATION_ENTITIES } from '@activation/configuration';
import { deadLetterTopicOf } from '@activation/contracts';
import { createTestSchema, testKafkaBrokers, uniqueGroup, uniqueTopic } from '@activation/testing';
import { post, startIngester, type Ingester } from '../testing/ingester-harness';
import { malformedBody, malformedRawValue, seededRandom, type Malformed } from '../testing/malformed-payloads';
import { valueOf, watchTopic, type TopicWatcher } from '../testing/topic-watcher';

const HTTP_PAYLOADS = 10_000;
const RAW_PAYLOADS = 2_500;
const CONCURRENCY = 48;
const MAX_BODY_BYTES = 256 * 1024;
const REPLACEMENT_CHARACTER = Buffer.from('\ufffd', 'utf8');

describe('fuzzing the ingester with malformed payloads over HTTP and the raw topic', () => {
  let ingester: Ingester;
  let output: TopicWatcher;
  const seed = Number(process.env['INGEST_FUZZ_SEED'] ?? 20250131);

  beforeAll(async () => {
    ingester = await startIngester({
      schema: await createTestSchema({ entities: CONFIGURATION_ENTITIES }),
      names: { brokers: testKafkaBrokers(), topic: uniqueTopic, group: uniqueGroup },
      env: { INGEST_MAX_BODY_BYTES: String(MAX_BODY_BYTES), INGEST_MAX_BATCH_ITEMS: '100', INGEST_RAW_CONCURRENCY: '3' },
      sources: [{ slug: 'portal', mapping: { profileId: '$.user.id', attributes: { email: '$.user.email' }, identifiers: {} } }],
    });
    output = await watchTopic(testKafkaBrokers(), ingester.settings.PROFILE_INPUTS_TOPIC, uniqueGroup('fuzz-output'));
  });

  afterAll(async () => {
    await output?.stop();
    await ingester?.close();
  });

  it(`refuses ${HTTP_PAYLOADS} malformed HTTP payloads and ${RAW_PAYLOADS} raw messages, publishing none of them`, async () => {
    const random = seededRandom(seed);
    const headers = { 'x-api-key': ingester.keys.ingest };
    const routes = ['/v1/profiles', '/v1/events', `/v1/sources/${ingester.sources['portal']}/webhook`];
    const payloads: Malformed[] = Array.from({ length: HTTP_PAYLOADS }, () => malformedBody(random, 100));
    const unexpected: string[] = [];
    const statuses = new Map<number, number>();

    const started = Date.now();
    const raw = sendRaw(ingester, seededRandom(seed + 1));
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < payloads.length) {
          const index = next++;
          const payload = payloads[index];
          const pickWebhook = index % 10 === 9;
          const route = pickWebhook ? routes[2] : payload.kind === 'profile-change' ? routes[0] : routes[1];
          const bytes = index % 500 === 0 ? Buffer.concat([payload.bytes, Buffer.alloc(MAX_BODY_BYTES, 0x20)]) : payload.bytes;
          const response = await post(`${ingester.url}${route}`, bytes, headers).catch((error: Error) => ({ status: 0, body: { error: error.message }, headers: new Headers() }));
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const problem = response.headers.get('content-type')?.startsWith('application/problem+json');
          if (response.status < 400 || response.status >= 500 || !problem || !hasReason(response.body)) {
            unexpected.push(`#${index} ${payload.category} ${route} -> ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
          }
        }
      }),
    );
    const httpSeconds = (Date.now() - started) / 1000;
    expect(unexpected.slice(0, 20)).toEqual([]);
    expect([...statuses.keys()].every((status) => status >= 400 && status < 500)).toBe(true);

    const rawCategories = await raw;
    const rows = await waitForCount(ingester, RAW_PAYLOADS);
    expect(rows.filter((row) => row.reason.trim().length === 0)).toEqual([]);
    expect(rows).toHaveLength(RAW_PAYLOADS);
    const rawSeconds = (Date.now() - started) / 1000;

    // The service still answers, and a valid request after all of this gets through.
    expect((await fetch(`${ingester.url}/health/live`)).status).toBe(200);
    const sentinel = await post(`${ingester.url}/v1/profiles`, { changes: [{ profileId: 'fuzz-sentinel', set: { ok: true } }] }, headers);
    expect(sentinel.status).toBe(202);
    await output.until((all) => all.some((m) => m.key === 'fuzz-sentinel'), 60_000, 'the sentinel');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(output.messages.map((m) => m.key)).toEqual(['fuzz-sentinel']);
    expect(output.messages.filter((m) => m.value?.includes(REPLACEMENT_CHARACTER))).toEqual([]);
    expect(valueOf(output.messages[0])).toMatchObject({ profileId: 'fuzz-sentinel', set: { ok: true } });

    const dlq = await watchTopic(testKafkaBrokers(), deadLetterTopicOf(ingester.settings.INGEST_RAW_TOPIC), uniqueGroup('fuzz-dlq'));
    try {
      await dlq.until((all) => all.length >= RAW_PAYLOADS, 60_000, 'dead letters');
      expect(dlq.messages.every((m) => (m.headers['x-dlq-reason'] ?? '').length > 0)).toBe(true);
    } finally {
      await dlq.stop();
    }
    process.stdout.write(
      `fuzz seed ${seed}: HTTP ${HTTP_PAYLOADS} in ${httpSeconds} s, statuses ${JSON.stringify(Object.fromEntries(statuses))}; ` +
        `raw ${RAW_PAYLOADS} dead-lettered by ${rawSeconds} s, categories ${JSON.stringify(rawCategories)}\n`,
    );
  });
});

function hasReason(body: Record<string, unknown>): boolean {
  if (typeof body['detail'] !== 'string' || body['detail'].length === 0) return false;
  const items = body['items'] as Array<{ status: string; errors?: Array<{ path: string; reason: string }> }> | undefined;
  return !items || items.every((item) => item.status === 'rejected' && (item.errors ?? []).every((e) => e.path.startsWith('$') && e.reason.length > 0) && (item.errors ?? []).length > 0);
}

async function sendRaw(ingester: Ingester, random: () => number): Promise<Record<string, number>> {
  const producer = new Kafka({ clientId: 'fuzz-raw', brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  const categories: Record<string, number> = {};
  try {
    for (let sent = 0; sent < RAW_PAYLOADS; sent += 250) {
      const messages = Array.from({ length: Math.min(250, RAW_PAYLOADS - sent) }, (_, i) => {
        const { category, value } = malformedRawValue(random);
        categories[category] = (categories[category] ?? 0) + 1;
        return { key: `raw-${sent + i}`, value };
      });
      await producer.send({ topic: ingester.settings.INGEST_RAW_TOPIC, messages });
    }
  } finally {
    await producer.disconnect();
  }
  return categories;
}

async function waitForCount(ingester: Ingester, count: number): Promise<Array<{ reason: string }>> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const [{ n }] = await ingester.schema.dataSource.query(`SELECT count(*)::int AS n FROM dead_letters WHERE topic = $1`, [ingester.settings.INGEST_RAW_TOPIC]);
    if (n >= count || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return ingester.schema.dataSource.query(`SELECT reason FROM dead_letters WHERE topic = $1`, [ingester.settings.INGEST_RAW_TOPIC]);
}
