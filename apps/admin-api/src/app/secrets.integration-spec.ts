import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { runCli } from '@activation/admin';
import { CONFIGURATION_ENTITIES, ConfigurationCache, SecretCipher, SecretKeyring } from '@activation/configuration';
import {
  createTestAdmin, createTestBus, createTestSchema, readTopic, spawnTs, uniqueTopic, waitFor, type TestSchema, type TsProcess,
} from '@activation/testing';
import { BOOTSTRAP_KEY, call, freePort, runCliWith } from '../testing/admin-api-harness';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');
const secret = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;

describe('secrets through the admin API', () => {
  let schema: TestSchema;
  let api: TsProcess;
  let base: string;
  const topic = uniqueTopic('config-changes');
  const functionKey = secret('function-key');
  const newFunctionKey = secret('function-key-2');
  const hmacSecret = secret('hmac');
  const refusedSecret = secret('refused');
  const urlPassword = secret('url-password');
  const urlFunctionKey = secret('url-code');
  const allSecrets = [functionKey, newFunctionKey, hmacSecret, refusedSecret, urlPassword, urlFunctionKey];
  const responses: string[] = [];
  let destinationId: string;
  let sourceId: string;

  const request = async (method: string, path: string, body?: unknown) => {
    const reply = await call<Record<string, unknown>>(base, method, path, { key: BOOTSTRAP_KEY, body });
    responses.push(reply.text);
    return reply;
  };

  const readWith = async (keys: string, active?: string) => {
    const cipher = new SecretCipher(SecretKeyring.fromSettings({ SECRETS_KEYS: keys, SECRETS_ACTIVE_KEY_ID: active }));
    const bus = createTestBus('secrets-reader');
    const cache = new ConfigurationCache(schema.dataSource, bus, cipher, pino({ level: 'silent' }), {
      serviceName: 'secrets-reader', instance: 'test', topic, refreshIntervalMs: 0, apiKeyTtlMs: 0,
    });
    await cache.start();
    try {
      return { destination: cache.destinationSecrets(destinationId), source: cache.webhookSourceSecrets(sourceId) };
    } finally {
      await cache.stop();
      await bus.close();
    }
  };

  beforeAll(async () => {
    schema = await createTestSchema({ entities: CONFIGURATION_ENTITIES });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = spawnTs('apps/admin-api/src/main.ts', {
      PORT: String(port), DATABASE_SCHEMA: schema.name, CONFIG_CHANGES_TOPIC: topic, LOG_LEVEL: 'debug',
      SECRETS_KEYS: `a:${keyA}`, ADMIN_BOOTSTRAP_KEY: BOOTSTRAP_KEY,
    });
    await waitFor(async () => (await fetch(`${base}/health/ready`)).ok, 60_000, 'the admin API');
  });

  afterAll(async () => {
    api?.child.kill('SIGTERM');
    await schema?.drop();
  });

  it('stores secrets written through the API encrypted, and never returns them', async () => {
    const created = await request('POST', '/v1/destinations', {
      name: 'crm', kind: 'function', settings: { url: 'https://crm.example.net/api/sync' }, secrets: { functionKey },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ secretNames: ['functionKey'] });
    destinationId = created.body['id'] as string;
    expect((await request('PATCH', `/v1/destinations/${destinationId}`, { secrets: { functionKey: newFunctionKey } })).status).toBe(200);

    const source = await request('POST', '/v1/webhook-sources', {
      name: 'Shop', slug: 'shop', mapping: { profileId: '$.user.id', attributes: {}, identifiers: {} },
      signature: { header: 'x-signature' }, secrets: { hmacSecret },
    });
    expect(source.status).toBe(201);
    sourceId = source.body['id'] as string;

    const refused = await request('POST', '/v1/destinations', { name: 'bad', kind: 'function', settings: { url: 'https://x.example' }, secrets: { password: refusedSecret } });
    expect(refused.status).toBe(422);
    expect(refused.body['errors']).toEqual([{ path: '$.secrets.password', message: expect.any(String) }]);

    const withCredentials = await request('POST', '/v1/destinations', {
      name: 'userinfo', kind: 'function', settings: { url: `http://user:${urlPassword}@127.0.0.1:4555/api/x` },
    });
    expect(withCredentials.status).toBe(422);
    expect(withCredentials.body['errors']).toEqual([{ path: '$.settings.url', message: expect.stringContaining('credentials belong in the secrets') }]);
    const withCode = await request('POST', '/v1/destinations', {
      name: 'code', kind: 'function', settings: { url: `http://127.0.0.1:4555/api/x?code=${urlFunctionKey}` },
    });
    expect(withCode.status).toBe(422);
    expect(withCode.body['errors']).toEqual([{ path: '$.settings.url', message: expect.stringContaining('secrets.functionKey') }]);
    const patchedWithCode = await request('PATCH', `/v1/destinations/${destinationId}`, {
      settings: { url: `https://crm.example.net/api/sync?code=${urlFunctionKey}` },
    });
    expect(patchedWithCode.status).toBe(422);
    expect(patchedWithCode.body['errors']).toEqual([{ path: '$.settings.url', message: expect.stringContaining('x-functions-key') }]);
    const notHttp = await request('POST', '/v1/destinations', { name: 'ftp', kind: 'function', settings: { url: 'ftp://crm.example.net/x' } });
    expect(notHttp.body['errors']).toEqual([{ path: '$.settings.url', message: 'url must be an http or https URL' }]);

    await request('GET', '/v1/destinations');
    await request('GET', `/v1/destinations/${destinationId}`);
    await request('GET', '/v1/webhook-sources');
    await request('GET', `/v1/webhook-sources/${sourceId}`);
    await request('GET', '/v1/audit-log?limit=200');
    for (const text of responses) for (const value of allSecrets) expect(text).not.toContain(value);
  });

  it('a service reads them through the configuration library', async () => {
    expect(await readWith(`a:${keyA}`)).toEqual({ destination: { functionKey: newFunctionKey }, source: { hmacSecret } });
  });

  it('keeps them out of the database in clear text, out of change messages, dead letters and log lines', async () => {
    const rows: Array<{ text: string }> = await schema.dataSource.query(`
      SELECT secrets::text AS text FROM destinations UNION ALL SELECT secrets::text FROM webhook_sources
      UNION ALL SELECT changes::text FROM audit_log
      UNION ALL SELECT coalesce(payload_text, '') || headers::text || coalesce(encode(payload, 'escape'), '') FROM dead_letters`);
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) for (const value of allSecrets) expect(row.text).not.toContain(value);

    const admin = await createTestAdmin();
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    const total = offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
    expect(total).toBeGreaterThanOrEqual(3);
    for (const message of await readTopic(topic, total)) {
      for (const value of allSecrets) expect(message.value!.toString('utf8')).not.toContain(value);
    }

    const logs = api.output();
    expect(logs).toContain('"msg":"request completed"');
    for (const value of allSecrets) expect(logs).not.toContain(value);
    expect(logs).not.toContain(BOOTSTRAP_KEY);
  });

  it('rotation re-encrypts under the new key and keeps them readable', async () => {
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
    const env = { DATABASE_SCHEMA: schema.name, CONFIG_CHANGES_TOPIC: topic, LOG_LEVEL: 'silent', SECRETS_KEYS: `a:${keyA},b:${keyB}`, SECRETS_ACTIVE_KEY_ID: 'b' };
    expect((await runCliWith(runCli, ['rotate-secrets', '--check'], env)).code).toBe(2);
    const rotated = await runCliWith(runCli, ['rotate-secrets'], env);
    expect(rotated).toEqual({ code: 0, lines: ['re-encrypted: 1 destination(s), 1 webhook source(s)'] });
    expect((await runCliWith(runCli, ['rotate-secrets', '--check'], env)).code).toBe(0);

    const kids: Array<{ kid: string }> = await schema.dataSource.query(
      `SELECT value->>'kid' AS kid FROM destinations, jsonb_each(secrets) UNION ALL SELECT value->>'kid' FROM webhook_sources, jsonb_each(secrets)`,
    );
    expect(kids.map((row) => row.kid)).toEqual(['b', 'b']);
    expect(await readWith(`b:${keyB}`)).toEqual({ destination: { functionKey: newFunctionKey }, source: { hmacSecret } });
  });
});
