import { deadLetterTopicOf, HEADERS } from '@activation/contracts';
import { TypeormDeadLetterRecorder } from '@activation/persistence';
import { createTestAdmin, createTestBus, createTestSchema, readTopic, uniqueGroup, uniqueTopic, waitFor, type TestSchema } from '@activation/testing';
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
    expect(message.headers).toEqual({ ...originalHeaders, [HEADERS.replayOf]: String(replayId) });

    const [row] = await schema.dataSource.query(`SELECT replay_status, replay_count, replayed_by, replayed_at FROM dead_letters WHERE id = $1`, [replayId]);
    expect(row).toMatchObject({ replay_status: 'replayed', replay_count: 1, replayed_by: 'api-key:bootstrap' });
    expect(row.replayed_at).toBeInstanceOf(Date);
    const audit = await call<{ items: unknown[] }>(api.url, 'GET', `/v1/audit-log?entity=dead-letter&entityId=${replayId}`, { key: BOOTSTRAP_KEY });
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'replayed', actor: 'api-key:bootstrap', changes: { topic: origin } })]);
  });

  it('replays a null value (a tombstone) as null, and links a replay that fails again to the dead letter it came from', async () => {
    const tombstoneTopic = uniqueTopic('replay-tombstone');
    const recorder = new TypeormDeadLetterRecorder(schema.dataSource);
    const consumer = createTestBus('replay-consumer', { deadLetters: recorder, maxAttempts: 1 });
    await consumer.ensureTopics([{ topic: tombstoneTopic, partitions: 1, withDeadLetterTopic: true }]);
    await recorder.record({
      service: 'evaluator', topic: tombstoneTopic, partition: 0, offset: '3', key: 'profile-3', value: null,
      headers: {}, reason: 'message has no value', failedAt: new Date('2026-01-12T10:00:00Z'),
    });
    const [row] = await schema.dataSource.query(`SELECT id FROM dead_letters WHERE topic = $1`, [tombstoneTopic]);
    const tombstoneId = Number(row.id);

    const replay = await call<ReplayResult>(api.url, 'POST', '/v1/dead-letters/replay', { key: BOOTSTRAP_KEY, body: { ids: [tombstoneId] } });
    expect(replay.body.replayed).toEqual([tombstoneId]);
    const [replayed] = await readTopic(tombstoneTopic, 1);
    expect(replayed.value).toBeNull();
    expect(replayed.headers[HEADERS.replayOf]).toBe(String(tombstoneId));

    // The cause is not fixed: the replayed message fails again and becomes a new dead letter.
    const subscription = await consumer.subscribe({
      groupId: uniqueGroup('replay-consumer'), topics: [tombstoneTopic], service: 'evaluator', fromBeginning: true,
      handler: async () => { throw new Error('still no value'); },
    });
    const again = async () =>
      (await call<{ items: Array<Record<string, unknown>> }>(api.url, 'GET', `/v1/dead-letters?topic=${tombstoneTopic}&replayStatus=pending`, { key: BOOTSTRAP_KEY })).body.items;
    await waitFor(async () => (await again()).length === 1, 30_000, 'the replay\'s own dead letter');
    await subscription.stop();
    await consumer.close();

    const [secondLetter] = await again();
    expect(secondLetter).toMatchObject({ replayOf: tombstoneId, payloadText: null, key: 'profile-3', offset: '0' });
    expect(secondLetter.reason).toContain('still no value');
    const [dlqRecord] = await readTopic(deadLetterTopicOf(tombstoneTopic), 1);
    expect(dlqRecord.value).toBeNull();
    expect(dlqRecord.headers[HEADERS.replayOf]).toBe(String(tombstoneId));
    const [stored] = await schema.dataSource.query(`SELECT payload FROM dead_letters WHERE id = $1`, [secondLetter.id]);
    expect(stored.payload).toBeNull();
    const first = await call<Record<string, unknown>>(api.url, 'GET', `/v1/dead-letters/${tombstoneId}`, { key: BOOTSTRAP_KEY });
    expect(first.body).toMatchObject({ replayOf: null, replayStatus: 'replayed' });
  });

  it('validates the replay request, naming each bad id', async () => {
    const reply = await call(api.url, 'POST', '/v1/dead-letters/replay', { key: BOOTSTRAP_KEY, body: { ids: ['x'] } });
    expect(reply.status).toBe(400);
    expect(reply.contentType).toContain('application/problem+json');
    const mixed = await call(api.url, 'POST', '/v1/dead-letters/replay', { key: BOOTSTRAP_KEY, body: { ids: [999, 'x', 0] } });
    expect(mixed.status).toBe(400);
    expect(mixed.contentType).toContain('application/problem+json');
    expect(mixed.body).toMatchObject({
      status: 400,
      errors: [{ path: '$.ids[1]', message: 'must be a positive integer' }, { path: '$.ids[2]', message: 'must be a positive integer' }],
    });
  });
});
