import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnTs, waitFor, waitForOutput, type TsProcess } from '@activation/testing';

const OFFSET = 40_000;
const ADMIN = `http://127.0.0.1:${3000 + OFFSET}`;
const INGESTER = `http://127.0.0.1:${3001 + OFFSET}`;
const EVALUATOR = `http://127.0.0.1:${3002 + OFFSET}`;

/** The one-command platform: one process, embedded Postgres and embedded log, no servers installed. */
describe('platform on its embedded defaults', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'platform-'));
  const env = { ACTIVATION_DATA_DIR: dataDir, PLATFORM_PORT_OFFSET: String(OFFSET), KAFKA_BROKERS: '', DATABASE_URL: '', LOG_LEVEL: 'warn' };
  let platform: TsProcess | undefined;

  const start = async () => {
    platform = spawnTs('apps/platform/src/main.ts', env);
    await waitForOutput(platform!, 'platform ready', 120_000, 'the platform to start');
  };
  const stop = async () => {
    platform!.child.kill('SIGTERM');
    expect(await platform!.exited).toBe(0);
  };

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs every service in one process, evaluates what is ingested, and keeps its data across a restart', async () => {
    await start();
    const adminKey = readFileSync(join(dataDir, 'admin-api-key'), 'utf8').trim();
    const admin = (method: string, path: string, body?: unknown) =>
      fetch(`${ADMIN}${path}`, {
        method,
        headers: { 'x-api-key': adminKey, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    for (let port = 3000; port <= 3005; port += 1) {
      const ready = await fetch(`http://127.0.0.1:${port + OFFSET}/health/ready`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { details: unknown }).details).toEqual({ 'embedded-log': { status: 'up' }, postgres: { status: 'up' } });
    }
    const audience = await admin('POST', '/v1/audiences', {
      name: 'Gold', slug: 'gold', rule: { attribute: 'tier', operator: 'equals', value: 'gold' }, projectedVariables: ['tier'],
    });
    expect(audience.status).toBe(201);
    const ingestKey = ((await (await admin('POST', '/v1/api-keys', { name: 'ingest', roles: ['ingest'] })).json()) as { key: string }).key;
    const ingest = await fetch(`${INGESTER}/v1/profiles`, {
      method: 'POST',
      headers: { 'x-api-key': ingestKey, 'content-type': 'application/json' },
      body: JSON.stringify({ changes: [{ profileId: 'p-1', set: { tier: 'gold' } }] }),
    });
    expect(ingest.status).toBe(202);
    await waitFor(
      async () => (await (await fetch(`${EVALUATOR}/metrics`)).text()).includes('activation_messages_processed_total{topic="activation.profile-inputs.v1"'),
      60_000,
      'the evaluator to consume the change',
    );
    await stop();

    await start();
    const list = (await (await admin('GET', '/v1/audiences')).json()) as { items: Array<{ slug: string }> };
    expect(list.items.map((item) => item.slug)).toEqual(['gold']);
    const members = await admin('POST', '/v1/audiences/preview', { rule: { attribute: 'tier', operator: 'equals', value: 'gold' } });
    expect(await members.json()).toMatchObject({ valid: true, profilesEvaluated: 1, matching: 1 });
    await stop();
  });
});
