import { randomBytes } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { createTestSchema, startAzurite, uniqueTopic, type RunningAzurite, type TestSchema } from '@activation/testing';
import { BOOTSTRAP_KEY, call, startAdminApi, type RunningAdminApi } from '../testing/admin-api-harness';

/** "Test destination" for Blob audience and event exports against a real Azurite: the connection string and the container (created for audience exports only). */
describe('admin API: testing a blob-export destination', () => {
  let schema: TestSchema;
  let azurite: RunningAzurite;
  let api: RunningAdminApi;

  const send = (method: string, path: string, body?: unknown) => call<Record<string, unknown>>(api.url, method, path, { key: BOOTSTRAP_KEY, body });
  const create = async (name: string, container: string, connectionString: string): Promise<string> => {
    const created = await send('POST', '/v1/destinations', { name, kind: 'blob-export', settings: { container }, secrets: { connectionString } });
    expect(created.status).toBe(201);
    return created.body['id'] as string;
  };

  beforeAll(async () => {
    [schema, azurite] = await Promise.all([createTestSchema(), startAzurite()]);
    api = await startAdminApi({
      DATABASE_SCHEMA: schema.name, CONFIG_CHANGES_TOPIC: uniqueTopic('config-changes'), SECRETS_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    });
  });

  afterAll(async () => {
    await api?.close();
    await azurite?.stop();
    await schema?.drop();
  });

  it('creates the missing container and reports success', async () => {
    const id = await create('exports-ok', 'audience-exports', azurite.connectionString);
    const reply = await send('POST', `/v1/destinations/${id}/test`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ ok: true, detail: expect.stringContaining('audience-exports') });
    const exists = await BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('audience-exports').exists();
    expect(exists).toBe(true);
  });

  it('checks an event-export destination without creating its container (event exports need an existing one)', async () => {
    const created = await send('POST', '/v1/destinations', {
      name: 'event-exports-ok', kind: 'event-export',
      settings: { container: 'event-exports', fileName: 'events-{TIMESTAMP}', timestampFormat: 'YYYY-MM-DD', period: 'daily', keepUpdated: true, timeOfDay: '03:30', timeZone: 'UTC', streams: ['purchase'] },
      secrets: { connectionString: azurite.connectionString },
    });
    expect(created.status).toBe(201);
    const reply = await send('POST', `/v1/destinations/${created.body['id']}/test`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ ok: false, detail: expect.stringContaining('container "event-exports" does not exist') });
    expect(await BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('event-exports').exists()).toBe(false);
  });

  it('reports a wrong account key as a failure without echoing the secret', async () => {
    const wrongKey = randomBytes(64).toString('base64');
    const wrong = azurite.connectionString.replace(/AccountKey=[^;]+/, `AccountKey=${wrongKey}`);
    const id = await create('exports-wrong-key', 'audience-exports-2', wrong);
    const reply = await send('POST', `/v1/destinations/${id}/test`);
    expect(reply.status).toBe(200);
    expect(reply.body['ok']).toBe(false);
    expect(reply.text).not.toContain(wrongKey);
  });
});
