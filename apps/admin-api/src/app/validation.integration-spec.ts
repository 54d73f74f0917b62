import { createTestSchema, uniqueTopic, type TestSchema } from '@activation/testing';
import { BOOTSTRAP_KEY, call, startAdminApi, type RunningAdminApi } from '../testing/admin-api-harness';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance: string;
  errors?: Array<{ path: string; message: string }>;
}

const RULE = { attribute: 'tier', operator: 'equals', value: 'gold' };

describe('admin API validation: problem+json with the path of each error', () => {
  let schema: TestSchema;
  let api: RunningAdminApi;
  let audienceId: string;
  let destinationId: string;

  const send = (method: string, path: string, body?: unknown) => call<Problem & Record<string, unknown>>(api.url, method, path, { key: BOOTSTRAP_KEY, body });
  const paths = (problem: Problem) => [...new Set((problem.errors ?? []).map((error) => error.path))].sort();

  beforeAll(async () => {
    schema = await createTestSchema();
    api = await startAdminApi({ DATABASE_SCHEMA: schema.name, CONFIG_CHANGES_TOPIC: uniqueTopic('config-changes') });
    audienceId = (await send('POST', '/v1/audiences', { name: 'Gold', slug: 'gold', rule: RULE, projectedVariables: ['email', 'tier'] })).body['id'] as string;
    destinationId = (await send('POST', '/v1/destinations', { name: 'crm', kind: 'function', settings: { url: 'http://127.0.0.1:9/x' } })).body['id'] as string;
  });

  afterAll(async () => {
    await api?.close();
    await schema?.drop();
  });

  it('refuses malformed requests (400) naming every field, unknown ones included', async () => {
    const reply = await send('POST', '/v1/audiences', { name: 7, slug: 'Not A Slug', projectedVariables: ['ok', '1bad'], colour: 'red' });
    expect(reply.status).toBe(400);
    expect(reply.contentType).toMatch(/^application\/problem\+json/);
    expect(reply.body).toMatchObject({ type: 'urn:activation:problem:validation', title: expect.any(String), status: 400, instance: '/v1/audiences' });
    expect(paths(reply.body)).toEqual(['$.colour', '$.name', '$.projectedVariables', '$.rule', '$.slug']);
  });

  it('refuses a list cursor it did not make (400), on configuration and delivery lists alike', async () => {
    for (const path of ['/v1/audiences?cursor=not-ours', '/v1/sync-runs?cursor=not-ours']) {
      const reply = await send('GET', path);
      expect({ path, status: reply.status, type: reply.body.type }).toEqual({ path, status: 400, type: 'urn:activation:problem:validation' });
      expect(paths(reply.body)).toEqual(['query.cursor']);
    }
  });

  it('refuses an invalid rule (422) with the path inside the rule', async () => {
    const reply = await send('POST', '/v1/audiences', { name: 'x', slug: 'x', rule: { all: [RULE, { attribute: 'age', operator: 'between', value: [5] }] } });
    expect(reply.status).toBe(422);
    expect(paths(reply.body)).toEqual(['$.rule.all[1].value']);
  });

  it('refuses invalid destination settings and secrets, by kind', async () => {
    const reply = await send('POST', '/v1/destinations', { name: 'hub', kind: 'eventhubs', settings: { partnerNumber: 'x', extra: true } });
    expect(reply.status).toBe(422);
    expect(new Set(paths(reply.body))).toEqual(new Set(['$.settings.partnerNumber', '$.settings.extra', '$.secrets.connectionString']));
    expect((await send('PATCH', `/v1/destinations/${destinationId}`, { kind: 'eventhubs' })).body).toMatchObject({ status: 400, errors: [{ path: '$.kind' }] });
  });

  it('enforces the projection subset rule when a subscription is saved', async () => {
    const base = { audienceId, destinationId, settings: { batchSize: 10 } };
    const outside = await send('POST', '/v1/subscriptions', { ...base, name: 's1', projection: { fields: ['email', 'phone'], hash: ['phone'] } });
    expect(outside.status).toBe(422);
    expect(outside.body.errors).toEqual([
      { path: '$.projection.fields[1]', message: expect.stringContaining('"phone" is not a projected variable') },
    ]);
    const inside = await send('POST', '/v1/subscriptions', { ...base, name: 's1', projection: { fields: ['email'], hash: ['email'] } });
    expect(inside.status).toBe(201);
    const patch = await send('PATCH', `/v1/subscriptions/${inside.body['id']}`, { projection: { fields: ['tier'], rename: { email: 'mail' } } });
    expect(patch.status).toBe(422);
    expect(paths(patch.body)).toEqual(['$.projection.rename.email']);
  });

  it('refuses to drop a projected variable a subscription still sends', async () => {
    const reply = await send('PATCH', `/v1/audiences/${audienceId}`, { projectedVariables: ['tier'] });
    expect(reply.status).toBe(422);
    expect(reply.body.errors).toEqual([{ path: '$.projectedVariables', message: expect.stringContaining('still projects "email"') }]);
  });

  it('refuses unknown references, taken names and deletions of referenced entities', async () => {
    const unknown = await send('POST', '/v1/subscriptions', { name: 's2', audienceId: '00000000-0000-4000-8000-000000000000', destinationId });
    expect(unknown.status).toBe(422);
    expect(paths(unknown.body)).toEqual(['$.audienceId']);
    const taken = await send('POST', '/v1/audiences', { name: 'again', slug: 'gold', rule: RULE });
    expect(taken.body).toMatchObject({ status: 409, errors: [{ path: '$.slug', message: 'is already taken' }] });
    expect((await send('DELETE', `/v1/audiences/${audienceId}`)).status).toBe(409);
    expect((await send('DELETE', `/v1/destinations/${destinationId}`)).status).toBe(409);
  });

  it('answers 404 problems for unknown ids and routes, and 400 for bad JSON and query values', async () => {
    expect((await send('GET', '/v1/audiences/not-a-uuid')).body).toMatchObject({ status: 404, type: 'urn:activation:problem:not-found' });
    expect((await send('GET', '/v1/subscriptions/0')).status).toBe(404);
    expect((await send('GET', '/v1/nothing-here')).status).toBe(404);
    expect(paths((await send('GET', '/v1/audiences?limit=0&status=gone')).body)).toEqual(['query.limit', 'query.status']);
    const response = await fetch(`${api.url}/v1/audiences`, { method: 'POST', headers: { 'x-api-key': BOOTSTRAP_KEY, 'content-type': 'application/json' }, body: '{"name":' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('names the resource in the 404 for an id that cannot exist, as for an unknown one', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const cases: Array<[string, string]> = [
      ['/v1/audiences/notauuid', 'No audience with id "notauuid".'],
      [`/v1/audiences/${missing}`, `No audience with id "${missing}".`],
      ['/v1/audiences/notauuid/versions', 'No audience with id "notauuid".'],
      ['/v1/audiences/notauuid/backfills', 'No audience with id "notauuid".'],
      ['/v1/destinations/notauuid', 'No destination with id "notauuid".'],
      ['/v1/api-keys/notauuid', 'No API key with id "notauuid".'],
      ['/v1/pull-sources/notauuid', 'No pull source with id "notauuid".'],
      ['/v1/webhook-sources/notauuid', 'No webhook source with id "notauuid".'],
      ['/v1/subscriptions/abc', 'No subscription with id "abc".'],
      ['/v1/subscriptions/0', 'No subscription with id "0".'],
      ['/v1/subscriptions/abc/status', 'No subscription with id "abc".'],
      ['/v1/subscriptions/1/sync-runs/abc', 'No sync run with id "abc".'],
      ['/v1/subscriptions/1e3', 'No subscription with id "1e3".'],
      ['/v1/dead-letters/abc', 'No dead letter with id "abc".'],
      ['/v1/subscriptions/abc/alert-rules', 'No subscription with id "abc".'],
      ['/v1/subscriptions/1/alert-channels/x', 'No alert channel with id "x".'],
      ['/v1/subscriptions/1/alert-rules/x', 'No alert rule with id "x".'],
    ];
    for (const [path, detail] of cases) {
      expect([path, (await send('GET', path)).body]).toEqual([path, expect.objectContaining({ status: 404, type: 'urn:activation:problem:not-found', detail })]);
    }
  });

  it('refuses a function destination at a link-local or cloud metadata address when it is saved (422 at $.settings.url)', async () => {
    const metadata = await send('POST', '/v1/destinations', { name: 'metadata', kind: 'function', settings: { url: 'http://169.254.169.254/latest/meta-data' } });
    expect(metadata.status).toBe(422);
    expect(metadata.body.errors).toEqual([
      { path: '$.settings.url', message: 'url must not point at 169.254.169.254, a cloud metadata address: link-local and cloud metadata addresses are never called' },
    ]);
    const linkLocal = await send('PATCH', `/v1/destinations/${destinationId}`, { settings: { url: 'http://[fe80::1]:7071/api/x' } });
    expect(linkLocal.status).toBe(422);
    expect(linkLocal.body.errors).toEqual([
      { path: '$.settings.url', message: 'url must not point at fe80::1, a link-local address: link-local and cloud metadata addresses are never called' },
    ]);
    expect((await send('GET', `/v1/destinations/${destinationId}`)).body).toMatchObject({ settings: { url: 'http://127.0.0.1:9/x' } });
  });

  it('tests a function destination and reports why it failed (a loopback target is refused by default)', async () => {
    const reply = await send('POST', `/v1/destinations/${destinationId}/test`);
    expect(reply.status).toBeLessThan(500);
    expect(reply.body).toMatchObject({ ok: false });
    expect(JSON.stringify(reply.body)).toMatch(/127\.0\.0\.1|loopback|private/i);
  });
});
