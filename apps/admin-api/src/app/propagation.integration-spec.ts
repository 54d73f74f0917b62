import { createTestSchema, spawnTs, uniqueTopic, waitFor, type TestSchema, type TsProcess } from '@activation/testing';
import { BOOTSTRAP_KEY, call, startAdminApi, type RunningAdminApi } from '../testing/admin-api-harness';

interface ChangeLine {
  event: 'change';
  entity: string;
  id: string;
  exists: boolean;
  current?: Record<string, unknown>;
  seenAt: number;
}

/** JSON lines the watcher printed (its own logs are JSON too; only `event` lines count). */
function changes(watcher: TsProcess): ChangeLine[] {
  return watcher
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{"event":"change"'))
    .map((line) => JSON.parse(line) as ChangeLine);
}

describe('configuration changes reach a second process', () => {
  let schema: TestSchema;
  let api: RunningAdminApi;
  let watcher: TsProcess;
  const topic = uniqueTopic('config-changes');

  beforeAll(async () => {
    schema = await createTestSchema();
    api = await startAdminApi({ DATABASE_SCHEMA: schema.name, CONFIG_CHANGES_TOPIC: topic });
    watcher = spawnTs('apps/admin-api/src/watch-configuration.ts', {
      DATABASE_SCHEMA: schema.name, CONFIG_CHANGES_TOPIC: topic, CONFIG_CACHE_REFRESH_MS: '0', LOG_LEVEL: 'warn',
    });
    await waitFor(async () => watcher.output().includes('{"event":"ready"'), 60_000, 'the watcher to load its cache');
  });

  afterAll(async () => {
    watcher?.child.kill('SIGTERM');
    await api?.close();
    await schema?.drop();
  });

  const createAudience = (slug: string) =>
    call<{ id: string }>(api.url, 'POST', '/v1/audiences', {
      key: BOOTSTRAP_KEY,
      body: { name: slug, slug, rule: { attribute: 'tier', operator: 'equals', value: 'gold' }, projectedVariables: ['email'] },
    });

  it('sees an entity changed through the API within 5 s, without restart', async () => {
    // The first change also covers the watcher's consumer joining its group.
    const warmUp = await createAudience('warm-up');
    expect(warmUp.status).toBe(201);
    await waitFor(async () => changes(watcher).some((line) => line.id === warmUp.body.id), 60_000, 'the first change');

    const created = await createAudience('gold-buyers');
    const changedAt = Date.now();
    const renamed = await call(api.url, 'PATCH', `/v1/audiences/${created.body.id}`, { key: BOOTSTRAP_KEY, body: { name: 'Gold buyers (EU)' } });
    expect(renamed.status).toBe(200);
    const seen = await waitFor(
      async () => changes(watcher).find((line) => line.id === created.body.id && line.current?.['name'] === 'Gold buyers (EU)'),
      5_000,
      'the rename in the second process',
    );
    expect(seen.seenAt - changedAt).toBeLessThan(5_000);
    expect(seen).toMatchObject({ entity: 'audience', exists: true, current: { slug: 'gold-buyers', version: 1 } });
  });

  it('sees deletions and other entities too', async () => {
    const destination = await call<{ id: string }>(api.url, 'POST', '/v1/destinations', {
      key: BOOTSTRAP_KEY, body: { name: 'crm', kind: 'function', settings: { url: 'https://crm.example.net/api/sync' } },
    });
    const source = await call<{ id: string }>(api.url, 'POST', '/v1/webhook-sources', {
      key: BOOTSTRAP_KEY, body: { name: 'Shop', slug: 'shop', mapping: { profileId: '$.user.id' } },
    });
    const audience = await createAudience('short-lived');
    expect([destination.status, source.status, audience.status]).toEqual([201, 201, 201]);
    expect((await call(api.url, 'DELETE', `/v1/audiences/${audience.body.id}`, { key: BOOTSTRAP_KEY })).status).toBe(204);
    await waitFor(
      async () => {
        const seen = changes(watcher);
        return (
          seen.some((line) => line.entity === 'destination' && line.id === destination.body.id && line.current?.['kind'] === 'function') &&
          seen.some((line) => line.entity === 'source' && line.id === source.body.id && line.exists) &&
          seen.some((line) => line.entity === 'audience' && line.id === audience.body.id && !line.exists)
        );
      },
      5_000,
      'the new destination, the new webhook source and the deletion',
    );
  });
});
