import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { CONFIGURATION_ENTITIES } from '@activation/configuration';
import { deadLetterTopicOf, HEADERS } from '@activation/contracts';
import { signWebhookBody } from '@activation/ingestion';
import { createTestSchema, testKafkaBrokers, uniqueGroup, uniqueTopic } from '@activation/testing';
import { post, startIngester, type Ingester } from '../testing/ingester-harness';
import { valueOf, watchTopic, type TopicWatcher } from '../testing/topic-watcher';

const MAX_BODY_BYTES = 64 * 1024;

describe('ingester over HTTP, webhooks and the raw topic (real Kafka and Postgres)', () => {
  let ingester: Ingester;
  let output: TopicWatcher;
  let producer: Producer;
  const run = randomUUID().slice(0, 8);
  const auth = () => ({ 'x-api-key': ingester.keys.ingest });
  const inOutput = (predicate: (value: Record<string, unknown>) => boolean) => output.messages.map(valueOf).filter(predicate);

  beforeAll(async () => {
    ingester = await startIngester({
      schema: await createTestSchema({ entities: CONFIGURATION_ENTITIES }),
      names: { brokers: testKafkaBrokers(), topic: uniqueTopic, group: uniqueGroup },
      env: { INGEST_MAX_BODY_BYTES: String(MAX_BODY_BYTES), INGEST_MAX_BATCH_ITEMS: '500' },
      sources: [
        {
          slug: 'salesforce',
          mapping: { profileId: '$.payload.Contact__c', attributes: { email: '$.payload.Email__c', tier: '$.payload.Tier__c' }, identifiers: { '7': '$.payload.Contact__c' } },
          hmacSecret: 'whsec-test',
          signatureHeader: 'X-Signature-SHA256',
        },
      ],
    });
    output = await watchTopic(testKafkaBrokers(), ingester.settings.PROFILE_INPUTS_TOPIC, uniqueGroup('watch-output'));
    producer = new Kafka({ clientId: 'raw-producer', brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await output?.stop();
    await ingester?.close();
  });

  it('publishes valid batches keyed by profile id and in order per profile', async () => {
    const profiles = ['a', 'b', 'c', 'd'].map((p) => `${run}-order-${p}`);
    for (let batch = 0; batch < 3; batch += 1) {
      const changes = Array.from({ length: 40 }, (_, i) => ({ profileId: profiles[i % 4], set: { seq: batch * 40 + i } }));
      const events = profiles.map((profileId) => ({ profileId, name: 'visit', properties: { seq: batch } }));
      const [changed, evented] = await Promise.all([
        post(`${ingester.url}/v1/profiles`, { changes }, auth()),
        post(`${ingester.url}/v1/events`, { events }, auth()),
      ]);
      expect([changed.status, changed.body['accepted'], evented.status, evented.body['accepted']]).toEqual([202, 40, 202, 4]);
    }
    await output.until((all) => all.filter((m) => profiles.includes(m.key ?? '')).length === 132, 60_000, 'ordered batches');
    for (const profileId of profiles) {
      const mine = output.messages.filter((m) => m.key === profileId);
      expect(new Set(mine.map((m) => m.partition)).size).toBe(1);
      const seqs = mine.map(valueOf).filter((v) => v['kind'] === 'profile-change').map((v) => (v['set'] as { seq: number }).seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(seqs).toHaveLength(30);
      expect(mine[0].headers[HEADERS.messageType]).toBeDefined();
      expect(mine[0].headers[HEADERS.traceparent]).toMatch(/^00-[0-9a-f]{32}-/);
    }
  });

  it('reports each rejected item with index, path and reason, and accepts the rest', async () => {
    const response = await post(
      `${ingester.url}/v1/profiles`,
      {
        changes: [
          { profileId: `${run}-mixed`, set: { a: 1 } },
          { profileId: `${run}-mixed`, set: { b: 'x'.repeat(9000) } },
          { set: { c: 1 } },
          { profileId: '', set: { c: 1 } },
          { profileId: `${run}-mixed`, set: 'x' },
        ],
      },
      auth(),
    );
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      accepted: 1,
      rejected: 4,
      items: [
        { index: 0, status: 'accepted' },
        { index: 1, status: 'rejected', errors: [{ path: '$.changes[1].set.b', code: 'too-long', reason: expect.stringContaining('8192') }] },
        { index: 2, status: 'rejected', errors: [{ path: '$.changes[2].profileId', code: 'invalid-field', reason: 'profileId is required' }] },
        { index: 3, status: 'rejected', errors: [{ path: '$.changes[3].profileId', code: 'invalid-field', reason: 'profileId must not be empty' }] },
        { index: 4, status: 'rejected', errors: [{ path: '$.changes[4].set', code: 'invalid-field', reason: 'set must be a JSON object' }] },
      ],
    });
    const events = await post(`${ingester.url}/v1/events`, { events: [{ name: 'visit' }, { profileId: 'p', name: '', properties: 'x' }] }, auth());
    expect(events.status).toBe(400);
    expect(events.body['items']).toEqual([
      { index: 0, status: 'rejected', errors: [{ path: '$.events[0].profileId', code: 'invalid-field', reason: 'profileId is required' }] },
      {
        index: 1,
        status: 'rejected',
        errors: [
          { path: '$.events[1].name', code: 'invalid-field', reason: 'name must not be empty' },
          { path: '$.events[1].properties', code: 'invalid-field', reason: 'properties must be a JSON object' },
        ],
      },
    ]);
  });

  it('refuses requests without a valid key (401) or with the wrong role (403), as problem+json', async () => {
    const body = { changes: [{ profileId: 'p', set: { a: 1 } }] };
    const missing = await post(`${ingester.url}/v1/profiles`, body);
    const unknown = await post(`${ingester.url}/v1/profiles`, body, { authorization: `Bearer ak_00000000_${'x'.repeat(43)}` });
    const readOnly = await post(`${ingester.url}/v1/events`, { events: [{ profileId: 'p', name: 'n' }] }, { 'x-api-key': ingester.keys['read-only'] });
    const admin = await post(`${ingester.url}/v1/profiles`, body, { 'x-api-key': ingester.keys.admin });
    expect([missing.status, unknown.status, readOnly.status, admin.status]).toEqual([401, 401, 403, 403]);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(missing.body).toMatchObject({ type: 'urn:activation:problem:unauthorized', status: 401, detail: expect.any(String) });
    expect(readOnly.body).toMatchObject({ type: 'urn:activation:problem:forbidden', detail: expect.stringContaining('ingest') });
  });

  it('enforces body size (413), media type (415), UTF-8 (400) and batch length (400) with clear messages', async () => {
    const big = { changes: [{ profileId: 'p', set: { a: 'x'.repeat(MAX_BODY_BYTES) } }] };
    const tooLarge = await post(`${ingester.url}/v1/profiles`, big, auth());
    const wrongType = await post(`${ingester.url}/v1/profiles`, 'a=1', { ...auth(), 'content-type': 'application/x-www-form-urlencoded' });
    const badUtf8 = await post(`${ingester.url}/v1/profiles`, Buffer.from('{"changes":[{"profileId":"p\xff","set":{"a":1}}]}', 'latin1'), auth());
    const longBatch = await post(`${ingester.url}/v1/events`, { events: Array.from({ length: 501 }, () => ({ profileId: 'p', name: 'n' })) }, auth());
    expect([tooLarge.status, wrongType.status, badUtf8.status, longBatch.status]).toEqual([413, 415, 400, 400]);
    expect(tooLarge.body['detail']).toContain(String(MAX_BODY_BYTES));
    expect(badUtf8.body).toMatchObject({ type: 'urn:activation:problem:invalid-utf8' });
    expect(longBatch.body).toMatchObject({ type: 'urn:activation:problem:too-many', detail: expect.stringContaining('500') });
  });

  it('publishes once for 20 concurrent replays of one Idempotency-Key, and refuses the key with another body', async () => {
    const profileId = `${run}-idempotent`;
    const body = { changes: [{ profileId, set: { n: 1 } }] };
    const headers = { ...auth(), 'idempotency-key': `key-${run}` };
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(`${ingester.url}/v1/profiles`, body, headers)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(202));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(19);
    const conflict = await post(`${ingester.url}/v1/profiles`, { changes: [{ profileId, set: { n: 2 } }] }, headers);
    expect(conflict.status).toBe(409);
    // A later message for the same profile shows everything before it arrived (one partition, in order).
    await post(`${ingester.url}/v1/profiles`, { changes: [{ profileId, set: { sentinel: true } }] }, auth());
    await output.until((all) => all.some((m) => m.key === profileId && valueOf(m)['set'] !== undefined && 'sentinel' in (valueOf(m)['set'] as object)));
    expect(output.messages.filter((m) => m.key === profileId)).toHaveLength(2);
  });

  it('maps signed webhook payloads per source and refuses bad signatures', async () => {
    const sourceId = ingester.sources['salesforce'];
    const payload = Buffer.from(JSON.stringify({ schema: 'sf', payload: { Contact__c: `${run}-003A`, Email__c: 'a@example.com', Tier__c: null } }));
    const signature = signWebhookBody(payload, 'whsec-test');
    const accepted = await post(`${ingester.url}/v1/sources/${sourceId}/webhook`, payload, { ...auth(), 'x-signature-sha256': `sha256=${signature}` });
    const bySlug = await post(`${ingester.url}/v1/sources/salesforce/webhook`, payload, { ...auth(), 'x-signature-sha256': signature });
    const forged = await post(`${ingester.url}/v1/sources/${sourceId}/webhook`, payload, { ...auth(), 'x-signature-sha256': signWebhookBody(payload, 'guess') });
    const unknown = await post(`${ingester.url}/v1/sources/${randomUUID()}/webhook`, payload, auth());
    expect([accepted.status, bySlug.status, forged.status, unknown.status]).toEqual([202, 202, 401, 404]);
    const [change] = await output.until((all) => all.some((m) => m.key === `${run}-003A`)).then(() => inOutput((v) => v['profileId'] === `${run}-003A`));
    expect(change).toMatchObject({ set: { email: 'a@example.com' }, unset: ['tier'], identifiers: { '7': [`${run}-003A`] }, source: 'webhook:salesforce' });
  });

  it('normalizes valid raw-topic messages and dead-letters invalid ones with the reason', async () => {
    const profileId = `${run}-raw`;
    await producer.send({
      topic: ingester.settings.INGEST_RAW_TOPIC,
      messages: [
        { key: profileId, value: JSON.stringify({ kind: 'profile-change', id: 'r-1', profileId, set: { a: 1 } }) },
        { key: profileId, value: Buffer.from('{"kind":"event","profileId":"p\xfe","name":"n"}', 'latin1') },
        { key: profileId, value: JSON.stringify({ kind: 'event', profileId, name: 'n', occurredAt: 'yesterday' }) },
        { key: profileId, value: JSON.stringify({ kind: 'event', source: 'shop', profileId, name: 'visit' }) },
      ],
    });
    await output.until((all) => all.filter((m) => m.key === profileId).length === 2, 60_000, 'raw intake output');
    expect(inOutput((v) => v['profileId'] === profileId).map((v) => [v['kind'], v['source']])).toEqual([
      ['profile-change', 'kafka'],
      ['event', 'kafka:shop'],
    ]);
    const rows = await waitForRows<{ reason: string }>(() =>
      ingester.schema.dataSource.query(`SELECT topic, reason FROM dead_letters WHERE topic = $1 ORDER BY "offset"`, [ingester.settings.INGEST_RAW_TOPIC]),
      2,
    );
    expect(rows.map((row) => row.reason)).toEqual([
      expect.stringContaining('not valid UTF-8'),
      expect.stringContaining('$.occurredAt'),
    ]);
    const dlq = await watchTopic(testKafkaBrokers(), deadLetterTopicOf(ingester.settings.INGEST_RAW_TOPIC), uniqueGroup('watch-dlq'));
    try {
      await dlq.until((all) => all.length === 2, 30_000, 'dead letters');
      expect(dlq.messages[0].headers[HEADERS.deadLetterReason]).toContain('UTF-8');
    } finally {
      await dlq.stop();
    }
  });

  it('counts accepted, rejected and dead-lettered items and times requests on /metrics, and documents the routes', async () => {
    const metrics = await fetch(`${ingester.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/activation_ingest_accepted_total\{[^}]*source="http"[^}]*kind="profile-change"[^}]*\} \d+/);
    expect(metrics).toMatch(/activation_ingest_rejected_total\{[^}]*source="http"[^}]*reason="too-long"/);
    expect(metrics).toMatch(/activation_ingest_dead_lettered_total\{[^}]*source="kafka"[^}]*reason="invalid-utf8"/);
    expect(metrics).toMatch(/activation_ingest_request_duration_seconds_bucket\{[^}]*route="\/v1\/profiles"[^}]*status="202"/);
    const openApi = (await fetch(`${ingester.url}/docs/openapi.json`).then((r) => r.json())) as { paths: Record<string, unknown> };
    expect(Object.keys(openApi.paths)).toEqual(expect.arrayContaining(['/v1/profiles', '/v1/events', '/v1/sources/{id}/webhook']));
  });
});

async function waitForRows<T>(query: () => Promise<T[]>, count: number): Promise<T[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const rows = await query();
    if (rows.length >= count || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
