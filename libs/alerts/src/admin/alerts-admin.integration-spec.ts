import { randomBytes, randomUUID } from 'node:crypto';
import { Module, ValidationPipe, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@activation/config';
import { CONFIGURATION_ENTITIES, ConfigurationModule, ConfigurationSettings, generateApiKey, SecretCipher, SecretKeyring } from '@activation/configuration';
import { DATA_SOURCE, ROOT_LOGGER, ServiceRuntimeModule } from '@activation/service-runtime';
import { createTestSchema, testDatabaseUrl, testKafkaBrokers, uniqueTopic, type TestSchema } from '@activation/testing';
import { alertChannelSecretOwner } from '../model/alert-channel';
import { AlertsAdminModule } from './alerts-admin.module';

@Module({})
class AlertsTestApp {
  static register(settings: ConfigurationSettings): DynamicModule {
    return {
      module: AlertsTestApp,
      imports: [
        ServiceRuntimeModule.forRoot({ serviceName: 'admin-api', settings, entities: CONFIGURATION_ENTITIES }),
        ConfigurationModule.forRoot({ serviceName: 'admin-api', settings, dataSourceToken: DATA_SOURCE, loggerToken: ROOT_LOGGER, startCache: false }),
        AlertsAdminModule,
      ],
    };
  }
}

/** The alert routes of the admin API: channels with encrypted secrets that are never returned, rules with their state. */
describe('alerts admin API', () => {
  let schema: TestSchema;
  let app: INestApplication;
  let base: string;
  let syncId: number;
  const secretKeys = `k1:${randomBytes(32).toString('base64')}`;
  const keys = { admin: generateApiKey(), reader: generateApiKey() };

  const call = async (method: string, path: string, key: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'x-api-key': key, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, text };
  };

  beforeAll(async () => {
    schema = await createTestSchema({ entities: CONFIGURATION_ENTITIES });
    for (const [name, key] of Object.entries(keys)) {
      await schema.dataSource.query(`INSERT INTO api_keys (id, name, prefix, key_hash, roles, created_by) VALUES ($1, $2, $3, $4, $5, 'spec')`, [
        randomUUID(), name, key.prefix, key.hash, name === 'admin' ? ['admin'] : ['read-only'],
      ]);
    }
    const [audience] = await schema.dataSource.query(
      `INSERT INTO audiences (id, slug, name, rule, projected_variables) VALUES ($1, 'gold', 'Gold', '{}', '{}') RETURNING id`, [randomUUID()],
    );
    const [destination] = await schema.dataSource.query(`INSERT INTO destinations (id, name, kind, settings) VALUES ($1, 'crm', 'function', '{}') RETURNING id`, [randomUUID()]);
    [{ id: syncId }] = await schema.dataSource.query(
      `INSERT INTO subscriptions (name, audience_id, destination_id, projection, initial_sync) VALUES ('crm gold', $1, $2, '{}', 'future-only') RETURNING id`,
      [audience.id, destination.id],
    );
    const settings = loadConfig(ConfigurationSettings, {
      LOG_LEVEL: 'silent', DATABASE_URL: testDatabaseUrl(), DATABASE_SCHEMA: schema.name, KAFKA_BROKERS: testKafkaBrokers().join(','),
      SECRETS_KEYS: secretKeys, CONFIG_CHANGES_TOPIC: uniqueTopic('config-changes'),
    });
    app = await NestFactory.create(AlertsTestApp.register(settings), { logger: false });
    app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true }));
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await schema?.drop();
  });

  it('stores channel secrets encrypted and never returns them', async () => {
    const slackUrl = 'https://hooks.example.com/services/T000/B000/very-secret';
    const created = await call('POST', `/v1/subscriptions/${syncId}/alert-channels`, keys.admin.raw, { name: 'ops-slack', kind: 'slack', secrets: { url: slackUrl } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ syncId, name: 'ops-slack', kind: 'slack', settings: {}, secretNames: ['url'] });
    const listed = await call('GET', `/v1/subscriptions/${syncId}/alert-channels`, keys.reader.raw);
    expect(listed.status).toBe(200);
    expect(listed.text).not.toContain('very-secret');
    expect(created.text).not.toContain('very-secret');

    const [stored] = await schema.dataSource.query(`SELECT secrets::text AS text, secrets FROM alert_channels WHERE id = $1`, [created.body.id]);
    expect(stored.text).not.toContain('very-secret');
    const cipher = new SecretCipher(SecretKeyring.fromSettings({ SECRETS_KEYS: secretKeys }));
    expect(cipher.decryptAll(stored.secrets, alertChannelSecretOwner(created.body.id))).toEqual({ url: slackUrl });

    const renamed = await call('PATCH', `/v1/subscriptions/${syncId}/alert-channels/${created.body.id}`, keys.admin.raw, { name: 'ops' });
    expect(renamed.body).toMatchObject({ name: 'ops', secretNames: ['url'] });
    const cleared = await call('PATCH', `/v1/subscriptions/${syncId}/alert-channels/${created.body.id}`, keys.admin.raw, { secrets: { url: null } });
    expect(cleared.status).toBe(422);
    expect(cleared.body.errors).toEqual([{ path: '$.secrets.url', message: 'secrets.url is required for a slack channel' }]);
  });

  it('rejects invalid channels and rules, naming each problem', async () => {
    const channel = await call('POST', `/v1/subscriptions/${syncId}/alert-channels`, keys.admin.raw, {
      name: 'mail', kind: 'email', settings: { host: 'smtp.example.com', from: 'nobody', to: [] },
    });
    expect(channel.status).toBe(422);
    expect(channel.body.errors.map((error: { message: string }) => error.message)).toEqual([
      'settings.to must be a list of 1 to 50 non-empty strings', 'settings.from must be an email address',
    ]);
    const rule = await call('POST', `/v1/subscriptions/${syncId}/alert-rules`, keys.admin.raw, {
      name: 'lag', kind: 'lag', settings: { maxAgeSeconds: 0 }, channelIds: [999],
    });
    expect(rule.status).toBe(422);
    expect(rule.body.errors.map((error: { message: string }) => error.message)).toEqual([
      'settings.maxAgeSeconds must be a number from 1 to 2592000',
      'settings: give maxAgeSeconds, maxQueuedRows or both',
      `channelIds: subscription ${syncId} has no alert channel 999`,
    ]);
    expect((await call('POST', `/v1/subscriptions/999999/alert-rules`, keys.admin.raw, { name: 'x', kind: 'lag', settings: { maxQueuedRows: 1 }, channelIds: [] })).status).toBe(404);
  });

  it('names the resource in the 404 for an id that cannot exist', async () => {
    const cases: Array<[string, string]> = [
      ['/v1/subscriptions/0/alert-rules', 'No subscription with id "0".'],
      [`/v1/subscriptions/${syncId}/alert-channels/2147483648`, 'No alert channel with id "2147483648".'],
      [`/v1/subscriptions/${syncId}/alert-rules/0`, 'No alert rule with id "0".'],
    ];
    for (const [path, message] of cases) {
      const reply = await call('GET', path, keys.reader.raw);
      expect([path, reply.status, reply.body.message]).toEqual([path, 404, message]);
    }
  });

  it('manages rules and shows their state; read-only keys may only read', async () => {
    const channel = await call('POST', `/v1/subscriptions/${syncId}/alert-channels`, keys.admin.raw, {
      name: 'hook', kind: 'webhook', settings: { url: 'https://ops.example.com/alerts' }, secrets: { authorization: 'Bearer t0ken' },
    });
    expect(channel.body).toMatchObject({ settings: { url: 'https://ops.example.com/alerts' }, secretNames: ['authorization'] });
    const rule = await call('POST', `/v1/subscriptions/${syncId}/alert-rules`, keys.admin.raw, {
      name: 'failing', kind: 'sync-failing', settings: { consecutiveFailedRuns: 3, failingForSeconds: 900 }, channelIds: [channel.body.id],
    });
    expect(rule.status).toBe(201);
    expect(rule.body).toMatchObject({ kind: 'sync-failing', settings: { consecutiveFailedRuns: 3, failingForSeconds: 900 }, enabled: true, state: null });
    await schema.dataSource.query(`INSERT INTO alert_states (rule_id, status, summary) VALUES ($1, 'firing', 'Sync failing.')`, [rule.body.id]);
    expect((await call('GET', `/v1/subscriptions/${syncId}/alert-rules/${rule.body.id}`, keys.reader.raw)).body).toMatchObject({
      state: { status: 'firing', summary: 'Sync failing.', pendingChannelIds: [] },
    });
    expect((await call('PATCH', `/v1/subscriptions/${syncId}/alert-rules/${rule.body.id}`, keys.reader.raw, { enabled: false })).status).toBe(403);
    expect((await call('PATCH', `/v1/subscriptions/${syncId}/alert-rules/${rule.body.id}`, keys.admin.raw, { enabled: false })).body).toMatchObject({ enabled: false });

    expect((await call('DELETE', `/v1/subscriptions/${syncId}/alert-channels/${channel.body.id}`, keys.admin.raw)).status).toBe(204);
    expect((await call('GET', `/v1/subscriptions/${syncId}/alert-rules`, keys.reader.raw)).body.items).toEqual([
      expect.objectContaining({ id: rule.body.id, channelIds: [] }),
    ]);
    expect((await call('DELETE', `/v1/subscriptions/${syncId}/alert-rules/${rule.body.id}`, keys.admin.raw)).status).toBe(204);
    expect((await call('GET', `/v1/subscriptions/${syncId}/alert-rules/${rule.body.id}`, keys.reader.raw)).status).toBe(404);
  });
});
