import { Registry } from 'prom-client';
import type { OutgoingMessage } from '@activation/kafka';
import type { IdempotencyClaim, IdempotencyStore, IdempotentOutcome, StoredResponse, WorkResult } from '../idempotency/idempotency-store';
import { DEFAULT_INGEST_LIMITS } from '../limits/ingest-limits';
import { IngestMetrics } from '../metrics/ingest-metrics';
import { PublishUnavailableError } from '../publishing/publish-unavailable.error';
import type { ProfileInputPublisher } from '../publishing/fail-fast-publisher';
import { signWebhookBody } from '../webhooks/webhook-signature';
import type { WebhookSourceDefinition } from '../webhooks/webhook-source';
import { AcceptItems } from './accept-items';
import { IngestBatch } from './ingest-batch';
import { IngestWebhook } from './ingest-webhook';

class RecordingPublisher implements ProfileInputPublisher {
  published: OutgoingMessage[] = [];
  down = false;
  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (this.down) throw new PublishUnavailableError(5);
    this.published.push(...messages);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Same contract as the Postgres store, minus concurrency (covered by the integration spec). */
class MemoryIdempotencyStore implements IdempotencyStore {
  rows = new Map<string, { hash: string; response: StoredResponse }>();
  async execute(claim: IdempotencyClaim, work: () => Promise<WorkResult>): Promise<IdempotentOutcome> {
    const row = this.rows.get(`${claim.scope}/${claim.key}`);
    if (row) return row.hash === claim.requestHash ? { kind: 'replayed', response: row.response } : { kind: 'mismatch' };
    const result = await work();
    if (result.store) this.rows.set(`${claim.scope}/${claim.key}`, { hash: claim.requestHash, response: result.response });
    return { kind: 'executed', response: result.response };
  }
  async purgeExpired(): Promise<number> {
    return 0;
  }
}

const limits = { ...DEFAULT_INGEST_LIMITS, maxBatchItems: 3 };
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

function setup() {
  const publisher = new RecordingPublisher();
  const metrics = new IngestMetrics(new Registry());
  const accept = new AcceptItems({ publisher, idempotency: new MemoryIdempotencyStore(), metrics, limits, now: () => 1_000 });
  const batch = new IngestBatch(accept, limits, metrics);
  const source: WebhookSourceDefinition = {
    id: 'src-1', slug: 'salesforce', enabled: true,
    mapping: { profileId: '$.Id', attributes: { email: '$.Email' }, identifiers: { '7': '$.Id' } },
    signature: { header: 'X-Signature', secret: 'shh' },
  };
  const webhook = new IngestWebhook({ find: async (id) => (id === 'src-1' ? source : undefined) }, accept, limits, metrics);
  const profiles = (body: Buffer, idempotencyKey?: string) =>
    batch.handle({ kind: 'profile-change', route: '/v1/profiles', body, principalId: 'key-1', idempotencyKey });
  return { publisher, batch, webhook, profiles, metrics };
}

describe('IngestBatch', () => {
  it('publishes the valid items keyed by profile id and reports each rejected one', async () => {
    const { publisher, profiles } = setup();
    const answer = await profiles(json({ changes: [{ profileId: 'p1', set: { a: 1 } }, { profileId: 5 }, { id: 'x', profileId: 'p2', deleted: true }] }));
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({
      accepted: 2,
      rejected: 1,
      items: [
        { index: 0, status: 'accepted' },
        { index: 1, status: 'rejected', errors: [{ path: '$.changes[1].profileId', code: 'invalid-field' }] },
        { index: 2, status: 'accepted' },
      ],
    });
    expect(publisher.published.map((m) => m.key)).toEqual(['p1', 'p2']);
    const first = JSON.parse(String(publisher.published[0].value));
    expect(first).toMatchObject({ kind: 'profile-change', version: 1, profileId: 'p1', set: { a: 1 }, changedAt: 1_000, receivedAt: 1_000, source: 'http' });
  });

  it('answers 400 problems for bodies that are not batches', async () => {
    const { profiles, publisher } = setup();
    const cases: Array<[Buffer, string]> = [
      [Buffer.from([0x7b, 0xff, 0x7d]), 'invalid-utf8'],
      [Buffer.from('{"changes": ['), 'invalid-json'],
      [json([]), 'invalid-envelope'],
      [json({ changes: [], other: 1 }), 'invalid-envelope'],
      [json({ changes: [] }), 'invalid-envelope'],
      [json({ changes: [1, 2, 3, 4] }), 'too-many'],
      [json({ changes: [{ profileId: 'p' }] }), 'no-item-accepted'],
    ];
    for (const [body, code] of cases) {
      const answer = await profiles(body);
      expect([answer.status, answer.body['type'], answer.headers['content-type']]).toEqual([400, `urn:activation:problem:${code}`, 'application/problem+json']);
    }
    expect(publisher.published).toHaveLength(0);
  });

  it('replays the first answer for a repeated Idempotency-Key and refuses another body with it', async () => {
    const { profiles, publisher } = setup();
    const body = json({ changes: [{ profileId: 'p1', set: { a: 1 } }] });
    const first = await profiles(body, 'key-a');
    const second = await profiles(body, 'key-a');
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(publisher.published).toHaveLength(1);
    expect((await profiles(json({ changes: [{ profileId: 'p1', set: { a: 2 } }] }), 'key-a')).status).toBe(409);
    expect((await profiles(body, 'bad key with spaces')).status).toBe(400);
  });

  it('derives event ids from sender ids, so a resend carries the same id', async () => {
    const { profiles, publisher } = setup();
    const body = json({ changes: [{ id: 'change-9', profileId: 'p1', set: { a: 1 } }] });
    await profiles(body);
    await profiles(body);
    const ids = publisher.published.map((m) => JSON.parse(String(m.value)).eventId);
    expect(ids[0]).toBe(ids[1]);
  });

  it('answers 503 with Retry-After when the message log is unavailable, naming no transport but in the stable problem type', async () => {
    const { profiles, publisher } = setup();
    publisher.down = true;
    const answer = await profiles(json({ changes: [{ profileId: 'p1', set: { a: 1 } }] }));
    expect([answer.status, answer.headers['retry-after']]).toEqual([503, '5']);
    expect(answer.body).toMatchObject({ type: 'urn:activation:problem:kafka-unavailable', title: 'Temporarily unavailable', status: 503 });
    expect(`${answer.body['title']} ${answer.body['detail']}`).not.toMatch(/kafka/i);
  });
});

describe('IngestWebhook', () => {
  const payload = json([{ Id: '003A', Email: 'a@example.com' }, { Email: 'b@example.com' }]);
  const signed = (body: Buffer) => ({ 'x-signature': `sha256=${signWebhookBody(body, 'shh')}` });

  it('maps each record and points refusals into the payload', async () => {
    const { webhook, publisher } = setup();
    const answer = await webhook.handle({ sourceId: 'src-1', body: payload, headers: signed(payload) });
    expect(answer.status).toBe(202);
    expect(answer.body['items']).toEqual([
      { index: 0, status: 'accepted', eventId: expect.any(String) },
      { index: 1, status: 'rejected', errors: [expect.objectContaining({ path: '$[1].Id', code: 'mapping-failed' })] },
    ]);
    expect(JSON.parse(String(publisher.published[0].value))).toMatchObject({
      profileId: '003A', set: { email: 'a@example.com' }, identifiers: { '7': ['003A'] }, source: 'webhook:salesforce',
    });
  });

  it('refuses an unknown source and a bad signature', async () => {
    const { webhook } = setup();
    expect((await webhook.handle({ sourceId: 'nope', body: payload, headers: signed(payload) })).status).toBe(404);
    expect((await webhook.handle({ sourceId: 'src-1', body: payload, headers: { 'x-signature': '00' } })).status).toBe(401);
    expect((await webhook.handle({ sourceId: 'src-1', body: payload, headers: {} })).status).toBe(401);
  });
});
