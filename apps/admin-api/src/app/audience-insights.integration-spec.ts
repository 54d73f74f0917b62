import { randomBytes } from 'node:crypto';
import { createTestSchema, uniqueTopic, type TestSchema } from '@activation/testing';
import { BOOTSTRAP_KEY, call, startAdminApi, type RunningAdminApi } from '../testing/admin-api-harness';

type Body = Record<string, any>;
const GOLD = { attribute: 'tier', operator: 'equals', value: 'gold' };
const SILVER_OR_GOLD = { attribute: 'tier', operator: 'in', value: ['gold', 'silver'] };

describe('admin API: audience preview, membership counts and backfills', () => {
  let schema: TestSchema;
  let api: RunningAdminApi;
  const send = (method: string, path: string, body?: unknown) => call<Body>(api.url, method, path, { key: BOOTSTRAP_KEY, body });

  beforeAll(async () => {
    schema = await createTestSchema();
    api = await startAdminApi({
      DATABASE_SCHEMA: schema.name,
      CONFIG_CHANGES_TOPIC: uniqueTopic('config-changes'),
      SECRETS_KEYS: `k:${randomBytes(32).toString('base64')}`,
    });
    // Stored profiles as the evaluator keeps them: 3 gold, 2 silver, 1 bronze.
    const tiers = ['gold', 'gold', 'gold', 'silver', 'silver', 'bronze'];
    for (const [index, tier] of tiers.entries()) {
      await schema.dataSource.query(`INSERT INTO profiles (profile_id, attributes) VALUES ($1, $2)`, [
        `p-${index}`,
        JSON.stringify({ tier, email: `p${index}@example.com` }),
      ]);
    }
  });

  afterAll(async () => {
    await api?.close();
    await schema?.drop();
  });

  it('previews a new rule over the stored profiles with a sample of projected values', async () => {
    const reply = await send('POST', '/v1/audiences/preview', { rule: GOLD, projectedVariables: ['email'], sampleSize: 2 });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ valid: true, profilesEvaluated: 6, matching: 3 });
    expect(reply.body['sample']).toHaveLength(2);
    expect(reply.body['sample'][0].projected.email).toMatch(/@example.com$/);
  });

  it('refuses an invalid rule with the path of each error', async () => {
    const reply = await send('POST', '/v1/audiences/preview', { rule: { attribute: 'tier', operator: 'bogus', value: 1 } });
    expect(reply.status).toBe(422);
    expect(reply.contentType).toContain('application/problem+json');
    expect(reply.body['errors'][0].path).toBe('$.rule.operator');
  });

  it('compares a rule change with the current members, and serves counts and backfill progress', async () => {
    const created = await send('POST', '/v1/audiences', { name: 'Gold', slug: 'gold', rule: GOLD, projectedVariables: ['email'] });
    expect(created.status).toBe(201);
    const id = created.body['id'];
    for (const profile of ['p-0', 'p-1', 'p-2']) {
      await schema.dataSource.query(
        `INSERT INTO memberships (profile_id, audience_id, member, membership_version, audience_version, entered_at)
         VALUES ($1, $2, true, 1, 1, $3)`,
        [profile, id, Date.now()],
      );
    }
    const preview = await send('POST', `/v1/audiences/${id}/preview`, { rule: SILVER_OR_GOLD });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      matching: 5,
      comparison: { currentMembers: 3, wouldEnter: 2, wouldExit: 0, wouldStay: 3 },
    });

    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const counts = await send('GET', `/v1/audiences/${id}/membership-counts?from=${from}&to=${to}&bucketMinutes=30`);
    expect(counts.status).toBe(200);
    expect(counts.body[0]).toMatchObject({ from, to: new Date(Date.parse(from) + 30 * 60_000).toISOString() });

    const backfills = await send('GET', `/v1/audiences/${id}/backfills`);
    expect(backfills.status).toBe(200);
    expect(backfills.body).toEqual({ items: expect.any(Array), nextCursor: null });

    expect((await send('GET', `/v1/audiences/${id}/membership-counts?from=${to}&to=${from}`)).status).toBe(400);
    expect((await send('GET', `/v1/audiences/00000000-0000-4000-8000-000000000000/backfills`)).status).toBe(404);
  });

  it('counts hourly over the last day by default, with ISO 8601 bucket times', async () => {
    const created = await send('POST', '/v1/audiences', { name: 'Counted', slug: 'counted', rule: GOLD });
    const id = created.body['id'];
    const minute = 60_000;
    const twoHoursAgo = Math.floor(Date.now() / minute) * minute - 120 * minute;
    await schema.dataSource.query(`INSERT INTO membership_count_changes (audience_id, bucket_start, shard, entered, exited) VALUES ($1, $2, 0, 4, 1)`, [
      id,
      twoHoursAgo,
    ]);
    const before = Date.now();
    const counts = await send('GET', `/v1/audiences/${id}/membership-counts`);
    expect(counts.status).toBe(200);
    const points = counts.body as unknown as Array<{ from: string; to: string; entered: number; exited: number; members: number }>;
    expect(points).toHaveLength(24);
    const end = Date.parse(points[23]!.to);
    expect(end).toBeGreaterThanOrEqual(before);
    expect(end - before).toBeLessThanOrEqual(2 * minute);
    expect(Date.parse(points[0]!.from)).toBe(end - 24 * 60 * minute);
    expect(points[0]!.from).toBe(new Date(Date.parse(points[0]!.from)).toISOString());
    expect(points.reduce((sum, point) => sum + point.entered, 0)).toBe(4);
    expect(points[23]).toMatchObject({ members: 3 });

    const onlyTo = await send('GET', `/v1/audiences/${id}/membership-counts?to=${new Date(end).toISOString()}&bucketMinutes=1440`);
    expect(onlyTo.body).toEqual([{ from: points[0]!.from, to: points[23]!.to, entered: 4, exited: 1, members: 3 }]);
    const invalid = await send('GET', `/v1/audiences/${id}/membership-counts?from=yesterday`);
    expect(invalid.status).toBe(400);
  });

  it('pages the backfill jobs newest first and refuses a foreign cursor', async () => {
    const created = await send('POST', '/v1/audiences', { name: 'Paged', slug: 'paged', rule: GOLD });
    const id = created.body['id'];
    for (const n of [1, 2, 3]) {
      await schema.dataSource.query(
        `INSERT INTO backfill_jobs (job_key, audience_id, kind, audience_version, definition, requested_at, status)
         VALUES ($1, $2, 'backfill', $3, '{}', 0, 'done')`,
        [`paged-${n}-${randomBytes(4).toString('hex')}`, id, n],
      );
    }
    const first = await send('GET', `/v1/audiences/${id}/backfills?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body['items'].map((job: Body) => job['audienceVersion'])).toEqual([3, 2]);
    const second = await send('GET', `/v1/audiences/${id}/backfills?limit=2&cursor=${first.body['nextCursor']}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ audienceVersion: 1 })], nextCursor: null });

    const foreign = Buffer.from(JSON.stringify(['gold'])).toString('base64url');
    const refused = await send('GET', `/v1/audiences/${id}/backfills?cursor=${foreign}`);
    expect(refused.status).toBe(400);
    expect(refused.body['errors'][0].path).toBe('query.cursor');
  });
});
