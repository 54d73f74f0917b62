import { TypeormDeadLetterRecorder } from '@activation/persistence';
import { createTestAdmin, createTestSchema, readTopic, uniqueTopic, type TestSchema } from '@activation/testing';
import { BOOTSTRAP_KEY, call, startAdminApi, type RunningAdminApi } from '../testing/admin-api-harness';

interface ReplayResult {
  replayed: number[];
  alreadyReplayed: number[];
  notFound: number[];
  failed: unknown[];
}

describe('dead letters: list and replay', () => {
  let schema: TestSchema;
  let api: RunningAdminApi;
  const origin = uniqueTopic('replay-origin');
  const otherTopic = uniqueTopic('replay-other');
  // Not UTF-8 and not JSON: a replay must put back these exact bytes.
  const originalBytes = Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22, 0x80, 0x41]);
  const originalHeaders = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', 'x-event-id': 'evt-1', 'x-custom': 'kept' };
  let replayId: number;

  beforeAll(async () => {
    schema = await createTestSchema();
    api = await startAdminApi({ DATABASE_SCHEMA: schema.name, CONFIG_CHANGES_TOPIC: uniqueTopic('config-changes') });
    const admin = await createTestAdmin();
    await admin.createTopics({ topics: [{ topic: origin, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const recorder = new TypeormDeadLetterRecorder(schema.dataSource);
    await recorder.record({
      service: 'evaluator', topic: origin, partition: 0, offset: '41', key: 'profile-1', value: originalBytes,
      headers: { ...originalHeaders, 'x-dlq-reason': 'from an earlier dead-letter hop' },
      reason: 'message is not valid UTF-8', failedAt: new Date('2026-01-10T10:00:00Z'),
    });
    await recorder.record({
      service: 'function-invoker', topic: otherTopic, partition: 2, offset: '7', key: 'profile-2', value: Buffer.from('{"n":1}'),
      headers: {}, reason: 'Error: remote answered 500', failedAt: new Date('2026-01-11T10:00:00Z'),
    });
    const [row] = await schema.dataSource.query(`SELECT id FROM dead_letters WHERE topic = $1`, [origin]);
    replayId = Number(row.id);
  });

  afterAll(async () => {
    await api?.close();
    await schema?.drop();
  });

  const list = (query: string) => call<{ items: Array<{ id: number; topic: string }>; nextCursor: string | null }>(api.url, 'GET', `/v1/dead-letters${query}`, { key: BOOTSTRAP_KEY });

  it('lists with filters on service, topic, reason and time, newest first, page by page', async () => {
    expect((await list('')).body.items.map((item) => item.topic)).toEqual([otherTopic, origin]);
    expect((await list('?service=evaluator')).body.items.map((item) => item.id)).toEqual([replayId]);
    expect((await list(`?topic=${otherTopic}`)).body.items).toHaveLength(1);
    expect((await list('?reason=utf-8')).body.items.map((item) => item.id)).toEqual([replayId]);
    expect((await list('?from=2026-01-11T00:00:00Z')).body.items.map((item) => item.topic)).toEqual([otherTopic]);
    expect((await list('?to=2026-01-11T00:00:00Z')).body.items.map((item) => item.id)).toEqual([replayId]);
    const first = await list('?limit=1');
    expect(first.body.items).toHaveLength(1);
    const second = await list(`?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((item) => item.id)).toEqual([replayId]);
    expect(second.body.nextCursor).toBeNull();
    const bad = await list('?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [{ path: 'query.from' }] });
  });

  it('shows a readable, redacted copy of the payload, never the raw bytes', async () => {
    const reply = await call<Record<string, unknown>>(api.url, 'GET', `/v1/dead-letters/${replayId}`, { key: BOOTSTRAP_KEY });
    expect(reply.body).toMatchObject({ id: replayId, service: 'evaluator', key: 'profile-1', payloadText: '<7 bytes, not JSON>', replayStatus: 'pending' });
    expect(reply.body).not.toHaveProperty('payload');
  });

  it('puts the original bytes back on the original topic exactly once, however often it is replayed', async () => {
    const replay = (ids: number[]) => call<ReplayResult>(api.url, 'POST', '/v1/dead-letters/replay', { key: BOOTSTRAP_KEY, body: { ids } });
    const concurrent = await Promise.all([replay([replayId]), replay([replayId]), replay([replayId, 999999])]);
    const results = concurrent.map((reply) => reply.body);
    expect(results.flatMap((result) => result.replayed)).toEqual([replayId]);
    expect(results.flatMap((result) => result.alreadyReplayed)).toEqual([replayId, replayId]);
    expect(results[2].notFound).toEqual([999999]);
    expect((await replay([replayId])).body).toEqual({ replayed: [], alreadyReplayed: [replayId], notFound: [], failed: [] });

    const admin = await createTestAdmin();
    const offsets = await admin.fetchTopicOffsets(origin);
    await admin.disconnect();
    expect(offsets.reduce((sum, partition) => sum + Number(partition.high), 0)).toBe(1);
    const [message] = await readTopic(origin, 1);
    expect(Buffer.compare(message.value!, originalBytes)).toBe(0);
    expect(message.key).toBe('profile-1');
    expect(message.headers).toEqual(originalHeaders);

    const [row] = await schema.dataSource.query(`SELECT replay_status, replay_count, replayed_by, replayed_at FROM dead_letters WHERE id = $1`, [replayId]);
    expect(row).toMatchObject({ replay_status: 'replayed', replay_count: 1, replayed_by: 'api-key:bootstrap' });
    expect(row.replayed_at).toBeInstanceOf(Date);
    const audit = await call<{ items: unknown[] }>(api.url, 'GET', `/v1/audit-log?entity=dead-letter&entityId=${replayId}`, { key: BOOTSTRAP_KEY });
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'replayed', actor: 'api-key:bootstrap', changes: { topic: origin } })]);
  });

  it('validates the replay request', async () => {
    const reply = await call(api.url, 'POST', '/v1/dead-letters/replay', { key: BOOTSTRAP_KEY, body: { ids: ['x'] } });
    expect(reply.status).toBe(400);
    expect(reply.contentType).toContain('application/problem+json');
  });
});
