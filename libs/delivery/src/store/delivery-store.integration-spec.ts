import { createTestSchema, type TestSchema } from '@activation/testing';
import type { StagedRow } from '../model/delivery-row';
import { cleanDeliveryHistory } from '../runtime/retention-cleaner';
import { QueueRepository } from './queue-repository';
import { StagingRepository } from './staging-repository';

/** The queue's SQL on the real schema: watermarks, heads of keys, the supersede rule, clean-up. */
describe('delivery store (Postgres)', () => {
  let schema: TestSchema;
  let staging: StagingRepository;
  let queue: QueueRepository;
  let subscriptionId: number;

  const row = (primaryKey: string, membershipVersion: number, extra: Partial<StagedRow> = {}): StagedRow => ({
    subscriptionId, primaryKey, membershipVersion, callType: 'NEW', eventId: '00000000-0000-8000-8000-000000000000', origin: 'stream',
    values: { v: membershipVersion }, eventTime: Date.now(), requiresKnownKey: false,
    envelope: {
      profileId: primaryKey, audienceId: 'a', audienceNumber: 1, audienceSlug: 'a', audienceVersion: 1, identifiers: {}, timestamp: 0,
      enteredAt: 0, exitedAt: null, kind: 'transition', backfill: false,
    },
    ...extra,
  });
  const queued = async () =>
    (await schema.dataSource.query(`SELECT primary_key, membership_version, call_type FROM delivery_rows WHERE subscription_id = $1 ORDER BY primary_key, membership_version`, [subscriptionId]))
      .map((item: { primary_key: string; membership_version: number; call_type: string }) => `${item.primary_key}@${item.membership_version}:${item.call_type}`);

  beforeAll(async () => {
    schema = await createTestSchema();
    staging = new StagingRepository(schema.dataSource);
    queue = new QueueRepository(schema.dataSource);
    const [audience] = await schema.dataSource.query(`INSERT INTO audiences (id, slug, name, rule) VALUES (gen_random_uuid(), 'a', 'a', '{}') RETURNING id`);
    const [destination] = await schema.dataSource.query(`INSERT INTO destinations (id, name, kind) VALUES (gen_random_uuid(), 'd', 'function') RETURNING id`);
    [{ id: subscriptionId }] = await schema.dataSource.query(
      `INSERT INTO subscriptions (name, audience_id, destination_id, projection, initial_sync) VALUES ('s', $1, $2, '{"fields":[]}', 'future-only') RETURNING id`,
      [audience.id, destination.id],
    );
  });

  afterAll(async () => {
    await schema?.drop();
  });

  it('queues each version once, never an older one, and snapshots only at or above the watermark', async () => {
    expect(await staging.stage([row('a', 1), row('a', 2), row('b', 1)])).toMatchObject({ staged: 3, skipped: 0, subscriptionIds: [subscriptionId] });
    expect(await staging.stage([row('a', 2), row('a', 1), row('b', 1)])).toMatchObject({ staged: 0, skipped: 3 });
    expect((await staging.stage([row('b', 1, { origin: 'snapshot' }), row('c', 4, { requiresKnownKey: true })])).staged).toBe(0);
    expect((await staging.stage([row('a', 1, { origin: 'replay' })])).staged).toBe(0);
    expect(await queued()).toEqual(['a@1:NEW', 'a@2:NEW', 'b@1:NEW']);
  });

  it('hands out only the head of each key, and nothing of a key whose head is held', async () => {
    const heads = await queue.fetchReady(subscriptionId, [], 10);
    expect(heads.map((item) => `${item.primaryKey}@${item.membershipVersion}`)).toEqual(['a@1', 'b@1']);
    const headOfA = heads.find((item) => item.primaryKey === 'a')!;
    expect((await queue.fetchReady(subscriptionId, [headOfA.id], 10)).map((item) => item.primaryKey)).toEqual(['b']);
  });

  it('supersedes a deferred row by the next change of its key, keeping an add an add', async () => {
    await staging.stage([row('a', 3, { callType: 'MODIFIED' })]);
    await schema.dataSource.query(`UPDATE delivery_rows SET call_type = 'MODIFIED' WHERE primary_key = 'a' AND membership_version = 2`);
    await schema.dataSource.query(`UPDATE delivery_rows SET deferred = true, attempts = 4, next_attempt_at = now() + interval '1 hour' WHERE primary_key = 'a' AND membership_version = 1`);
    expect(await queue.supersedeDeferred(subscriptionId, [])).toBe(1);
    expect(await queued()).toEqual(['a@2:NEW', 'a@3:MODIFIED', 'b@1:NEW']);
  });

  it('compacts a backlog to the oldest and newest version of each key', async () => {
    await staging.stage([row('k', 1), row('k', 2, { callType: 'REMOVED' }), row('k', 3), row('k', 4, { callType: 'MODIFIED' }), row('m', 1), row('m', 2, { callType: 'MODIFIED' })]);
    expect(await queue.queuedMoreThan(subscriptionId, 8)).toBe(true);
    expect(await queue.compact(subscriptionId, [])).toBe(2);
    expect((await queued()).filter((item: string) => /^[km]@/.test(item))).toEqual(['k@1:NEW', 'k@4:NEW', 'm@1:NEW', 'm@2:MODIFIED']);
    await schema.dataSource.query(`DELETE FROM delivery_rows WHERE primary_key IN ('k', 'm')`);
    await schema.dataSource.query(`DELETE FROM delivery_keys WHERE primary_key IN ('k', 'm')`);
  });

  it('tells how long until a head of a key is due, not counting newer versions waiting behind a head', async () => {
    const [{ id: other }] = await schema.dataSource.query(
      `INSERT INTO subscriptions (name, audience_id, destination_id, projection, initial_sync)
       SELECT 'waiting', audience_id, destination_id, projection, initial_sync FROM subscriptions WHERE id = $1 RETURNING id`,
      [subscriptionId],
    );
    const waiting = (primaryKey: string, membershipVersion: number) => row(primaryKey, membershipVersion, { subscriptionId: other, callType: membershipVersion > 1 ? 'MODIFIED' : 'NEW' });
    await staging.stage([waiting('h', 1), waiting('h', 2), waiting('n', 1), waiting('n', 2)]);
    // h's head waits an hour for its retry; n's head is in flight (held). Their newer versions are due but not sendable.
    await schema.dataSource.query(`UPDATE delivery_rows SET attempts = 1, next_attempt_at = now() + interval '1 hour' WHERE subscription_id = $1 AND primary_key = 'h' AND membership_version = 1`, [other]);
    const [headOfN] = await queue.fetchReady(other, [], 10);
    expect(headOfN).toMatchObject({ primaryKey: 'n', membershipVersion: 1 });
    expect(await queue.fetchReady(other, [headOfN.id], 10)).toEqual([]);
    const wait = await queue.msUntilNextDue(other, [headOfN.id]);
    expect(wait).toBeGreaterThan(3_500_000);
    expect(wait).toBeLessThanOrEqual(3_600_000);
    expect(await queue.msUntilNextDue(other, [])).toBe(0);
    await schema.dataSource.query(`DELETE FROM delivery_rows WHERE subscription_id = $1 AND primary_key = 'h' AND membership_version = 1`, [other]);
    expect(await queue.msUntilNextDue(other, [headOfN.id])).toBe(0);
    await schema.dataSource.query(`DELETE FROM delivery_rows WHERE subscription_id = $1`, [other]);
    expect(await queue.msUntilNextDue(other, [])).toBeUndefined();
    await schema.dataSource.query(`DELETE FROM delivery_keys WHERE subscription_id = $1`, [other]);
    await schema.dataSource.query(`DELETE FROM subscriptions WHERE id = $1`, [other]);
  });

  it('forgets the queue of a deleted subscription and drops old call bodies', async () => {
    await schema.dataSource.query(
      `INSERT INTO sync_calls (subscription_id, run_id, started_at, operation, row_count, outcome, latency_ms, primary_keys, request, response)
       VALUES ($1, 1, now() - interval '2 hours', 'NEW', 1, 'delivered', 5, '{a}', '{"body":1}', '{}')`,
      [subscriptionId],
    );
    await cleanDeliveryHistory(schema.dataSource, 3_600_000, 86_400_000);
    expect(await schema.dataSource.query(`SELECT request, response FROM sync_calls`)).toEqual([{ request: null, response: null }]);
    expect(await queued()).toHaveLength(3);
    await schema.dataSource.query(`DELETE FROM subscriptions WHERE id = $1`, [subscriptionId]);
    await cleanDeliveryHistory(schema.dataSource, 3_600_000, 86_400_000);
    expect(await queued()).toEqual([]);
    expect(await schema.dataSource.query(`SELECT count(*)::int AS n FROM delivery_keys`)).toEqual([{ n: 0 }]);
  });
});
