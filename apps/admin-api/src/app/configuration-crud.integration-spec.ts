import { randomBytes } from 'node:crypto';
import { createTestSchema, uniqueTopic, type TestSchema } from '@activation/testing';
import { BOOTSTRAP_KEY, call, createKey, startAdminApi, type RunningAdminApi } from '../testing/admin-api-harness';

type Body = Record<string, unknown> & { items?: Array<Record<string, unknown>>; nextCursor?: string | null };
const RULE = { attribute: 'tier', operator: 'equals', value: 'gold' };

describe('admin API: configuration entities', () => {
  let schema: TestSchema;
  let api: RunningAdminApi;
  const env = () => ({ DATABASE_SCHEMA: schema.name, CONFIG_CHANGES_TOPIC: uniqueTopic('config-changes'), SECRETS_KEYS: `k:${randomBytes(32).toString('base64')}` });
  const send = (method: string, path: string, body?: unknown, key = BOOTSTRAP_KEY) => call<Body>(api.url, method, path, { key, body });

  beforeAll(async () => {
    schema = await createTestSchema();
    api = await startAdminApi(env());
  });

  afterAll(async () => {
    await api?.close();
    await schema?.drop();
  });

  it('API keys: shown once, stored hashed, revoked at once', async () => {
    const created = await createKey(api.url, 'ci', ['read-only']);
    expect(created.key).toMatch(/^ak_[0-9a-f]{8}_/);
    const shown = await send('GET', `/v1/api-keys/${created.id}`);
    expect(shown.body).toMatchObject({ name: 'ci', roles: ['read-only'], prefix: created.key.slice(0, 11), revokedAt: null });
    expect(shown.text).not.toContain(created.key);
    expect((await send('GET', '/v1/api-keys?role=read-only')).text).not.toContain(created.key);
    const [row] = await schema.dataSource.query(`SELECT key_hash FROM api_keys WHERE id = $1`, [created.id]);
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);

    expect((await send('GET', '/v1/audiences', undefined, created.key)).status).toBe(200);
    expect((await send('POST', `/v1/api-keys/${created.id}/revoke`)).body).toMatchObject({ revokedAt: expect.any(String) });
    expect((await send('GET', '/v1/audiences', undefined, created.key)).status).toBe(401);
    expect((await send('GET', '/v1/api-keys?revoked=true')).body.items!.map((key) => key['id'])).toEqual([created.id]);
    expect((await send('POST', '/v1/api-keys', { name: 'old', roles: ['admin'], expiresAt: '2020-01-01T00:00:00Z' })).status).toBe(422);
  });

  it('audiences: versions grow with the rule, status by enable/disable, lists page by slug with filters', async () => {
    const created = await send('POST', '/v1/audiences', { name: 'Gold', slug: 'a-gold', rule: RULE, projectedVariables: ['email'] });
    expect(created.body).toMatchObject({ number: expect.any(Number), version: 1, status: 'active' });
    const id = created.body['id'] as string;
    expect((await send('PATCH', `/v1/audiences/${id}`, { name: 'Gold (EU)' })).body).toMatchObject({ name: 'Gold (EU)', version: 1 });
    expect((await send('PATCH', `/v1/audiences/${id}`, { rule: { ...RULE, value: 'platinum' } })).body).toMatchObject({ version: 2 });
    const versions = await send('GET', `/v1/audiences/${id}/versions`);
    expect(versions.body.items!.map((version) => version['version'])).toEqual([2, 1]);
    expect((await send('POST', `/v1/audiences/${id}/disable`)).body).toMatchObject({ status: 'paused' });
    expect((await send('POST', `/v1/audiences/${id}/enable`)).body).toMatchObject({ status: 'active' });
    expect((await send('PATCH', `/v1/audiences/${id}`, { status: 'archived' })).body).toMatchObject({ status: 'archived' });

    for (const slug of ['b-one', 'c-two', 'd-three', 'e-four']) await send('POST', '/v1/audiences', { name: slug, slug, rule: RULE });
    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await send('GET', `/v1/audiences?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.items!.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items!.map((item) => item['slug'] as string));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['a-gold', 'b-one', 'c-two', 'd-three', 'e-four']);
    expect((await send('GET', '/v1/audiences?status=archived')).body.items!.map((item) => item['slug'])).toEqual(['a-gold']);
    expect((await send('GET', '/v1/audiences?q=TWO')).body.items!.map((item) => item['slug'])).toEqual(['c-two']);
  });

  it('destinations and subscriptions: enable/disable, secret removal, filters, integer subscription ids', async () => {
    const audience = await send('POST', '/v1/audiences', { name: 'Sub', slug: 'sub-audience', rule: RULE, projectedVariables: ['email', 'tier'] });
    const destination = await send('POST', '/v1/destinations', {
      name: 'fn', kind: 'function', settings: { url: 'https://fn.example.net/api/x' }, secrets: { functionKey: 'k1' },
    });
    const destinationId = destination.body['id'] as string;
    expect((await send('PATCH', `/v1/destinations/${destinationId}`, { secrets: { functionKey: null } })).body).toMatchObject({ secretNames: [] });
    expect((await send('POST', `/v1/destinations/${destinationId}/disable`)).body).toMatchObject({ enabled: false });
    expect((await send('GET', '/v1/destinations?enabled=false&kind=function')).body.items!.map((item) => item['id'])).toEqual([destinationId]);
    expect((await send('POST', `/v1/destinations/${destinationId}/enable`)).body).toMatchObject({ enabled: true });

    const subscription = await send('POST', '/v1/subscriptions', {
      name: 'sub-to-fn', audienceId: audience.body['id'], destinationId, initialSync: 'future-only',
      settings: { batchSize: 50, triggers: { add: true, change: true, remove: false } },
      projection: { fields: ['tier', 'email'], rename: { tier: 'level' }, hash: ['email'] },
    });
    expect(subscription.status).toBe(201);
    expect(subscription.body).toMatchObject({ id: expect.any(Number), initialSync: 'future-only', enabled: true });
    const id = subscription.body['id'] as number;
    expect((await send('POST', `/v1/subscriptions/${id}/disable`)).body).toMatchObject({ enabled: false });
    expect((await send('GET', `/v1/subscriptions?audienceId=${audience.body['id']}&enabled=false`)).body.items!.map((item) => item['id'])).toEqual([id]);
    expect((await send('DELETE', `/v1/subscriptions/${id}`)).status).toBe(204);
    expect((await send('GET', `/v1/subscriptions/${id}`)).status).toBe(404);
    expect((await send('DELETE', `/v1/destinations/${destinationId}`)).status).toBe(204);
  });

  it('webhook sources: a signature needs an HMAC secret', async () => {
    const mapping = { profileId: '$.user.id', attributes: { email: '$.user.email' }, identifiers: { '33': '$.crm' } };
    const unsigned = await send('POST', '/v1/webhook-sources', { name: 'Shop', slug: 'shop', mapping, signature: { header: 'x-signature' } });
    expect(unsigned.body).toMatchObject({ status: 422, errors: [{ path: '$.secrets.hmacSecret', message: 'is required' }] });
    const created = await send('POST', '/v1/webhook-sources', { name: 'Shop', slug: 'shop', mapping, signature: { header: 'x-signature' }, secrets: { hmacSecret: 's3cret-value' } });
    expect(created.body).toMatchObject({ slug: 'shop', mapping, signature: { header: 'x-signature' }, secretNames: ['hmacSecret'] });
    const id = created.body['id'] as string;
    expect((await send('PATCH', `/v1/webhook-sources/${id}`, { signature: null, secrets: { hmacSecret: null } })).body).toMatchObject({ signature: null, secretNames: [] });
    expect((await send('POST', `/v1/webhook-sources/${id}/disable`)).body).toMatchObject({ enabled: false });
    expect((await send('GET', '/v1/webhook-sources?enabled=false')).body.items!.map((item) => item['id'])).toEqual([id]);
  });

  it('audit log: who changed what, with secrets redacted, filterable', async () => {
    const admin = await createKey(api.url, 'operator', ['admin']);
    const created = await send('POST', '/v1/destinations', { name: 'audited', kind: 'function', settings: { url: 'https://a.example.net/x' }, secrets: { functionKey: 'audited-secret' } }, admin.key);
    const entries = await send('GET', `/v1/audit-log?entity=destination&entityId=${created.body['id']}`);
    expect(entries.body.items).toEqual([
      expect.objectContaining({ actor: 'api-key:operator', actorKeyId: admin.id, action: 'created', changes: expect.objectContaining({ secretsChanged: ['functionKey'] }) }),
    ]);
    expect(entries.text).not.toContain('audited-secret');
    expect((await send('GET', `/v1/audit-log?actorKeyId=${admin.id}`)).body.items).toHaveLength(1);
  });

  it('the bootstrap key is stored once, and not at all when an admin key exists', async () => {
    const sameKey = await startAdminApi(env());
    await sameKey.close();
    const otherKey = await startAdminApi({ ...env(), ADMIN_BOOTSTRAP_KEY: 'another-bootstrap-key-0123456789abcdef' });
    await otherKey.close();
    expect((await call(api.url, 'GET', '/v1/audiences', { key: 'another-bootstrap-key-0123456789abcdef' })).status).toBe(401);
    const rows = await schema.dataSource.query(`SELECT count(*)::int AS n FROM api_keys WHERE name = 'bootstrap'`);
    expect(rows[0].n).toBe(1);
  });
});
