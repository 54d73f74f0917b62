import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnTs, waitFor, waitForOutput, type TsProcess } from '@activation/testing';

const OFFSET = 44_000;
const ADMIN = `http://127.0.0.1:${3000 + OFFSET}`;
const INGESTER = `http://127.0.0.1:${3001 + OFFSET}`;
const GOLD = Array.from({ length: 12 }, (_, index) => `gold-${index}`);
const SILVER = Array.from({ length: 4 }, (_, index) => `silver-${index}`);

interface Call {
  status: number;
  operation: string;
  profileIds: string[];
}

/** A function destination that answers 503 until it is brought up, recording every call and its answer. */
class FlakyReceiver {
  readonly calls: Call[] = [];
  up = false;
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { operation: string; rows: Array<{ profile_id: string }> };
      const status = this.up ? 200 : 503;
      this.calls.push({ status, operation: body.operation, profileIds: body.rows.map((row) => row.profile_id) });
      response.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{}' : '{"error":"unavailable"}');
    });
  });

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/audience-changes`;
  }

  /** Profile ids in calls answered with this status, one entry per row received. */
  rows(status: number): string[] {
    return this.calls.filter((call) => call.status === status).flatMap((call) => call.profileIds);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Memberships and undelivered rows live in the data directory, so a restart delivers what was owed. */
describe('platform restart on its data directory', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'platform-restart-'));
  const env = {
    ACTIVATION_DATA_DIR: dataDir,
    PLATFORM_PORT_OFFSET: String(OFFSET),
    KAFKA_BROKERS: '',
    DATABASE_URL: '',
    LOG_LEVEL: 'warn',
    // Failed rows come round again within seconds, so the spec sees them retried before and after the restart.
    DELIVERY_RETRY_INITIAL_MS: '200',
    DELIVERY_RETRY_MAX_MS: '1000',
    DELIVERY_DEFER_MS: '1000',
  };
  const receiver = new FlakyReceiver();
  let platform: TsProcess | undefined;
  let adminKey = '';

  const start = async () => {
    platform = spawnTs('apps/platform/src/main.ts', env);
    await waitForOutput(platform!, 'platform ready', 120_000, 'the platform to start');
    adminKey = readFileSync(join(dataDir, 'admin-api-key'), 'utf8').trim();
  };
  const stop = async () => {
    platform!.child.kill('SIGTERM');
    const code = await platform!.exited;
    const output = platform!.output();
    platform = undefined;
    // The output is part of the comparison so a failure shows why the platform did not stop cleanly.
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
  };
  const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${ADMIN}${path}`, {
      method,
      headers: { 'x-api-key': adminKey, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  beforeAll(() => receiver.listen());

  afterAll(async () => {
    platform?.child.kill('SIGKILL');
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps memberships and undelivered rows across a restart and delivers each row once', async () => {
    await start();
    const audience = await admin<{ id: string }>('POST', '/v1/audiences', {
      name: 'Gold', slug: 'gold', rule: { attribute: 'tier', operator: 'equals', value: 'gold' }, projectedVariables: ['tier'],
    });
    const destination = await admin<{ id: string }>('POST', '/v1/destinations', {
      name: 'flaky-receiver', kind: 'function', settings: { url: receiver.url }, secrets: { functionKey: 'restart-function-key' },
    });
    const subscription = await admin<{ id: number }>('POST', '/v1/subscriptions', {
      name: 'gold-to-flaky-receiver', audienceId: audience.id, destinationId: destination.id, projection: { fields: ['tier'] },
    });
    const ingestKey = (await admin<{ key: string }>('POST', '/v1/api-keys', { name: 'ingest', roles: ['ingest'] })).key;
    const ingest = await fetch(`${INGESTER}/v1/profiles`, {
      method: 'POST',
      headers: { 'x-api-key': ingestKey, 'content-type': 'application/json' },
      body: JSON.stringify({
        changes: [...GOLD.map((profileId) => ({ profileId, set: { tier: 'gold' } })), ...SILVER.map((profileId) => ({ profileId, set: { tier: 'silver' } }))],
      }),
    });
    expect(ingest.status).toBe(202);

    // Every member reached the receiver and was refused: the rows are queued, none delivered.
    await waitFor(async () => GOLD.every((id) => receiver.rows(503).includes(id)), 60_000, 'every member to be tried and refused');
    const status = (path: string) => admin<{ rowsQueued: number; deadLetters: number }>('GET', `/v1/subscriptions/${subscription.id}/${path}`);
    expect(await status('status')).toMatchObject({ rowsQueued: GOLD.length, deadLetters: 0 });
    const day = 24 * 60 * 60_000;
    const from = new Date(Math.floor(Date.now() / day) * day - day).toISOString();
    const to = new Date(Math.floor(Date.now() / day) * day + 2 * day).toISOString();
    const counts = () => admin<unknown[]>('GET', `/v1/audiences/${audience.id}/membership-counts?from=${from}&to=${to}&bucketMinutes=1440`);
    const countsBefore = await counts();
    expect(countsBefore).toContainEqual(expect.objectContaining({ entered: GOLD.length, exited: 0, members: GOLD.length }));
    await stop();
    expect(receiver.rows(200)).toEqual([]);

    receiver.up = true;
    await start();
    await waitFor(async () => GOLD.every((id) => receiver.rows(200).includes(id)), 60_000, 'every queued member to be delivered after the restart');
    await waitFor(async () => (await status('status')).rowsQueued === 0, 30_000, 'the queue to empty');
    // Each member once, as an add, and nobody else.
    expect(receiver.rows(200).sort()).toEqual([...GOLD].sort());
    expect(new Set(receiver.calls.filter((call) => call.status === 200).map((call) => call.operation))).toEqual(new Set(['add']));
    expect(await counts()).toEqual(countsBefore);
    const preview = await admin('POST', `/v1/audiences/${audience.id}/preview`, { rule: { attribute: 'tier', operator: 'equals', value: 'gold' } });
    expect(preview).toMatchObject({ profilesEvaluated: GOLD.length + SILVER.length, matching: GOLD.length });
    await stop();
  }, 360_000);
});
