import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@activation/config';
import { CONFIGURATION_ENTITIES, ConfigurationModule, ConfigurationSettings } from '@activation/configuration';
import { DATA_SOURCE, ROOT_LOGGER, ServiceRuntimeModule } from '@activation/service-runtime';
import { createTestSchema, uniqueTopic, type TestSchema } from '@activation/testing';
import { Module, type DynamicModule } from '@nestjs/common';
import { AdminModule } from '../admin.module';
import { configureAdminHttp } from '../configure-admin-http';

jest.setTimeout(60_000);

const BOOTSTRAP = `bootstrap-${randomBytes(16).toString('hex')}`;

class Settings extends ConfigurationSettings {}

@Module({})
class TestAppModule {
  static register(settings: Settings): DynamicModule {
    return {
      module: TestAppModule,
      imports: [
        ServiceRuntimeModule.forRoot({ serviceName: 'admin-api', settings, entities: CONFIGURATION_ENTITIES }),
        ConfigurationModule.forRoot({ serviceName: 'admin-api', settings, dataSourceToken: DATA_SOURCE, loggerToken: ROOT_LOGGER }),
        AdminModule.register({ bootstrapKey: BOOTSTRAP }),
      ],
    };
  }
}

describe('pull sources in the admin API', () => {
  let schema: TestSchema;
  let app: INestApplication;
  let base: string;
  let fn: Server;
  let fnUrl: string;
  const seen: Array<Record<string, unknown>> = [];

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method, headers: { 'x-api-key': BOOTSTRAP, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, text, body: text ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    fn = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ state: {}, insert: {}, hasMore: false }));
      });
    });
    await new Promise<void>((resolve) => fn.listen(0, '127.0.0.1', resolve));
    fnUrl = `http://127.0.0.1:${(fn.address() as AddressInfo).port}/`;
    schema = await createTestSchema();
    const settings = loadConfig(Settings, {
      ...process.env, LOG_LEVEL: 'silent', DATABASE_SCHEMA: schema.name, CONFIG_CHANGES_TOPIC: uniqueTopic('config-changes'),
      SECRETS_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    });
    app = await NestFactory.create(TestAppModule.register(settings), { logger: false });
    configureAdminHttp(app);
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    await schema?.drop();
    fn.close();
  });

  it('creates, reads, tests, requests runs and re-syncs, lists runs, deletes; secrets never come back', async () => {
    const created = await call('POST', '/v1/pull-sources', {
      name: 'crm', kind: 'function', intervalSeconds: 300, settings: { url: fnUrl, customPayload: { a: 1 } },
      mapping: { entities: { customers: { profileId: 'id' } }, hashedColumns: ['email'] }, secrets: { apiToken: 'very-secret-token' },
    });
    expect(created.status).toBe(201);
    expect(created.text).not.toContain('very-secret-token');
    expect(created.body).toMatchObject({ name: 'crm', kind: 'function', secretNames: ['apiToken'], enabled: true, state: {} });
    const id = created.body.id as string;
    const stored = await schema.dataSource.query(`SELECT secrets::text AS s FROM pull_sources WHERE id = $1`, [id]);
    expect(stored[0].s).not.toContain('very-secret-token');

    expect((await call('GET', `/v1/pull-sources/${id}`)).body).toMatchObject({ id, intervalSeconds: 300 });
    expect((await call('GET', '/v1/pull-sources')).body.items).toHaveLength(1);

    const tested = await call('POST', `/v1/pull-sources/${id}/test`);
    expect(tested).toMatchObject({ status: 200, body: { ok: true } });
    expect(seen[0]).toMatchObject({ setup_test: true, sync_id: 'setup-test', secrets: { apiToken: 'very-secret-token' }, customPayload: { a: 1 } });

    expect(await call('POST', `/v1/pull-sources/${id}/run`)).toMatchObject({ status: 202, body: { resyncRequested: false } });
    expect((await call('POST', `/v1/pull-sources/${id}/resync`)).body).toMatchObject({ resyncRequested: true });
    expect((await call('GET', `/v1/pull-sources/${id}`)).body.runRequestedAt).not.toBeNull();

    await schema.dataSource.query(`INSERT INTO source_runs (id, source_id, trigger, status, error) VALUES (gen_random_uuid(), $1, 'manual', 'failed', '{"message":"boom","type":"NameError"}')`, [id]);
    const runs = await call('GET', `/v1/pull-sources/${id}/runs`);
    expect(runs.body).toEqual({
      items: [expect.objectContaining({ status: 'failed', error: { message: 'boom', type: 'NameError' }, pages: 0 })],
      nextCursor: null,
    });

    const updated = await call('PATCH', `/v1/pull-sources/${id}`, { enabled: false, secrets: { apiToken: null } });
    expect(updated.body).toMatchObject({ enabled: false, secretNames: [] });
    const audit = await schema.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1`, [id]);
    expect(audit[0].n).toBe(2);

    expect((await call('DELETE', `/v1/pull-sources/${id}`)).status).toBe(204);
    expect((await call('GET', `/v1/pull-sources/${id}`)).status).toBe(404);
    expect((await call('POST', `/v1/pull-sources/${id}/run`)).status).toBe(404);
  });

  it('pages the runs newest first, runs started at the same instant included, and refuses a foreign cursor', async () => {
    const created = await call('POST', '/v1/pull-sources', {
      name: 'paged', kind: 'function', intervalSeconds: 300, settings: { url: fnUrl }, mapping: { entities: { customers: { profileId: 'id' } } },
    });
    const id = created.body.id as string;
    // Five runs: two of them started at the same instant, so only the id tells them apart.
    await schema.dataSource.query(
      `INSERT INTO source_runs (id, source_id, trigger, status, started_at)
       SELECT gen_random_uuid(), $1, 'schedule', 'succeeded', timestamptz '2025-01-01T00:00:00Z' + make_interval(mins => least(n, 3)) FROM generate_series(0, 4) n`,
      [id],
    );
    const seenIds: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: { items: Array<{ id: string; startedAt: string }>; nextCursor: string | null } } =
        await call('GET', `/v1/pull-sources/${id}/runs?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seenIds.push(...page.body.items.map((run) => run.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(new Set(seenIds).size).toBe(5);
    const all = (await call('GET', `/v1/pull-sources/${id}/runs`)).body.items as Array<{ id: string; startedAt: string }>;
    expect(all.map((run) => run.id)).toEqual(seenIds);
    expect(all.map((run) => run.startedAt)).toEqual([...all.map((run) => run.startedAt)].sort().reverse());

    const foreign = Buffer.from(JSON.stringify(['paged'])).toString('base64url'); // the shape of a cursor of the sources list
    expect((await call('GET', `/v1/pull-sources/${id}/runs?cursor=${foreign}`)).status).toBe(400);
    expect((await call('GET', '/v1/pull-sources?cursor=not!a!cursor')).status).toBe(400);
    expect((await call('GET', `/v1/pull-sources/${id}/runs?limit=0`)).status).toBe(400);
  });

  it('pages the sources by name', async () => {
    for (const name of ['list-a', 'list-b', 'list-c']) {
      await call('POST', '/v1/pull-sources', { name, kind: 'function', intervalSeconds: 300, settings: { url: fnUrl }, mapping: { entities: { c: { profileId: 'id' } } } });
    }
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ name: string }>; nextCursor: string | null } } = await call('GET', `/v1/pull-sources?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      names.push(...page.body.items.map((source) => source.name));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(names.filter((name) => name.startsWith('list-'))).toEqual(['list-a', 'list-b', 'list-c']);
    expect(new Set(names).size).toBe(names.length);
  });

  it('refuses a SQL source whose connection string the client cannot read, without echoing it', async () => {
    const sql = {
      name: 'warehouse', kind: 'sql', intervalSeconds: 60, mapping: { entities: { customers: { profileId: 'id' } } },
      settings: { dialect: 'postgres', table: 'customers', timestampColumn: 'updated_at', primaryKey: ['id'] },
    };
    const refused = await call('POST', '/v1/pull-sources', { ...sql, secrets: { connectionString: 'not a url with s3cret' } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ path: '$.secrets.connectionString', message: expect.stringContaining('postgres://') }]);
    expect(refused.text).not.toContain('s3cret');
    expect((await call('POST', '/v1/pull-sources', sql)).body.errors).toEqual([{ path: '$.secrets.connectionString', message: 'is required for a SQL source' }]);

    const created = await call('POST', '/v1/pull-sources', { ...sql, secrets: { connectionString: 'postgres://app:s3cret@db.example.com:5432/crm' } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await call('PATCH', `/v1/pull-sources/${id}`, { secrets: { connectionString: 'host=db password=s3cret' } })).status).toBe(422);
    expect((await call('PATCH', `/v1/pull-sources/${id}`, { secrets: { connectionString: null } })).status).toBe(422);
    expect((await call('PATCH', `/v1/pull-sources/${id}`, { intervalSeconds: 120 })).status).toBe(200);
  });

  it('refuses an invalid source with field errors', async () => {
    const reply = await call('POST', '/v1/pull-sources', {
      name: 'bad', kind: 'sql', intervalSeconds: 60, settings: { dialect: 'oracle', table: 'x; drop' }, mapping: { entities: {} },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['$.settings.dialect', '$.settings.table', '$.settings.timestampColumn', '$.settings.primaryKey', '$.mapping.entities']),
    );
  });
});
