import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { ContainerClient } from '@azure/storage-blob';
import { SecretCipher, SecretKeyring } from '@activation/configuration';
import { ExportEventRepository, ExportRunner, ExportScheduler, ExportStateRepository } from '@activation/event-export';
import { createTestSchema, startAzurite, uniqueTopic, waitFor, type RunningAzurite, type TestSchema } from '@activation/testing';
import { BOOTSTRAP_KEY, call, createKey, startAdminApi, type RunningAdminApi } from '../testing/admin-api-harness';

const SETTINGS = { fileName: 'events-{TIMESTAMP}', timestampFormat: 'YYYYMMDD-HHmm', keepUpdated: true, period: 'daily', timeZone: 'UTC' };

/** An event export's "test destination" and its status route, with runs of the exporter against Azurite. */
describe('admin API: event-export test and status', () => {
  let schema: TestSchema;
  let azurite: RunningAzurite;
  let api: RunningAdminApi;
  let scheduler: ExportScheduler;
  let readerKey: string;
  const secretsKeys = `k1:${randomBytes(32).toString('base64')}`;
  let now = new Date('2030-05-06T07:08:00.000Z');

  const send = (method: string, path: string, key = BOOTSTRAP_KEY, body?: unknown) => call<Record<string, unknown>>(api.url, method, path, { key, body });

  beforeAll(async () => {
    [schema, azurite] = await Promise.all([createTestSchema(), startAzurite()]);
    api = await startAdminApi({ DATABASE_SCHEMA: schema.name, CONFIG_CHANGES_TOPIC: uniqueTopic('config-changes'), SECRETS_KEYS: secretsKeys });
    readerKey = (await createKey(api.url, 'reader', ['read-only'])).key;
    const logger = pino({ level: 'silent' });
    const events = new ExportEventRepository(schema.dataSource);
    const states = new ExportStateRepository(schema.dataSource);
    const runner = new ExportRunner({ events, states, logger, retryDelayMs: 60_000, leaseMs: 600_000, leaseRenewMs: 60_000, clock: () => now });
    scheduler = new ExportScheduler({
      dataSource: schema.dataSource, cipher: new SecretCipher(SecretKeyring.fromSettings({ SECRETS_KEYS: secretsKeys })), runner, events, states, logger,
      owner: 'spec', tickMs: 1_000, leaseMs: 600_000, retentionDays: 3650, clock: () => now,
    });
    const ids = [randomUUID(), randomUUID()];
    await events.insert(ids.map((eventId, index) => ({
      eventId, profileId: `p-${index}`, name: 'purchase', occurredAt: Date.parse('2030-05-01T00:00:00Z'), receivedAt: Date.parse('2030-05-01T00:00:01Z'), source: 'web',
    })));
    await waitFor(async () => {
      const [row] = await schema.dataSource.query(
        `SELECT bool_and(tx < pg_snapshot_xmin(pg_current_snapshot())) AS settled FROM export_events WHERE event_id = ANY($1::uuid[])`, [ids]);
      return row.settled === true;
    }, 30_000, 'the events to be settled');
  });

  afterAll(async () => {
    await api?.close();
    await schema?.drop();
    await azurite?.stop();
  });

  const createExport = async (name: string, container: string) => {
    const reply = await send('POST', '/v1/destinations', undefined, {
      name, kind: 'event-export', settings: { ...SETTINGS, container }, secrets: { connectionString: azurite.connectionString },
    });
    expect(reply.status).toBe(201);
    return reply.body['id'] as string;
  };

  it('tests the destination without creating its container', async () => {
    const id = await createExport('missing-container', 'nope');
    const missing = await send('POST', `/v1/destinations/${id}/test`);
    expect(missing.status).toBe(200);
    expect(missing.body).toMatchObject({
      ok: false, status: 404, detail: 'container "nope" does not exist. Create it first: event exports do not create their container.',
    });
    expect(await new ContainerClient(azurite.connectionString, 'nope').exists()).toBe(false);

    await new ContainerClient(azurite.connectionString, 'nope').create();
    expect((await send('POST', `/v1/destinations/${id}/test`)).body).toMatchObject({ ok: true });
    await new ContainerClient(azurite.connectionString, 'nope').delete();
    await send('POST', `/v1/destinations/${id}/disable`);
  });

  it('shows an export\'s runs: nothing before the first, then the failure naming the container, then the file written', async () => {
    const id = await createExport('status-export', 'status-events');
    const before = await send('GET', `/v1/destinations/${id}/event-export`, readerKey);
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      destinationId: id, scheduled: false, finished: false, runs: 0, lastRunAt: null, lastFile: null, lastRows: null, nextRunAt: null, lastError: null, lastErrorAt: null,
    });

    const failedAt = Date.now();
    const failed = await scheduler.tick();
    expect(failed.get(id)).toEqual({ status: 'failed', error: 'container "status-events": The specified container does not exist.' });
    const afterFailure = await send('GET', `/v1/destinations/${id}/event-export`, readerKey);
    expect(afterFailure.body).toMatchObject({
      scheduled: true, runs: 0, lastFile: null, nextRunAt: '2030-05-06T07:09:00.000Z', lastError: 'container "status-events": The specified container does not exist.',
    });
    expect(Date.parse(afterFailure.body['lastErrorAt'] as string)).toBeGreaterThanOrEqual(failedAt - 1_000);

    await new ContainerClient(azurite.connectionString, 'status-events').create();
    now = new Date('2030-05-06T07:10:00.000Z');
    expect((await scheduler.tick()).get(id)).toEqual({ status: 'exported', file: 'events-20300506-0710.csv', rows: 2 });
    expect((await send('GET', `/v1/destinations/${id}/event-export`, readerKey)).body).toEqual({
      destinationId: id, scheduled: true, finished: false, runs: 1, lastRunAt: '2030-05-06T07:10:00.000Z', lastFile: 'events-20300506-0710.csv', lastRows: 2,
      nextRunAt: '2030-05-07T07:10:00.000Z', lastError: null, lastErrorAt: null,
    });
  });

  it('answers 404 problem details for an unknown destination, a malformed id and a destination of another kind', async () => {
    const other = await send('POST', '/v1/destinations', undefined, {
      name: 'audience-files', kind: 'blob-export', settings: { container: 'audiences' }, secrets: { connectionString: azurite.connectionString },
    });
    expect(other.status).toBe(201);
    for (const [id, detail] of [
      [randomUUID(), /^No destination with id/],
      ['not-a-uuid', /^No destination with id "not-a-uuid"/],
      [other.body['id'] as string, /is of kind blob-export; only event-export destinations have an export status/],
    ] as const) {
      const reply = await send('GET', `/v1/destinations/${id}/event-export`, readerKey);
      expect(reply.status).toBe(404);
      expect(reply.contentType).toContain('application/problem+json');
      expect(reply.body['detail']).toMatch(detail);
    }
  });
});
