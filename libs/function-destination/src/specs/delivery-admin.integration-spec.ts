import { randomUUID } from 'node:crypto';
import { Module, ValidationPipe, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@activation/config';
import {
  CONFIGURATION_ENTITIES, ConfigurationModule, ConfigurationSettings, DestinationTesterRegistry, generateApiKey, toDestinationConfig, DestinationRepository,
} from '@activation/configuration';
import { DeliveryAdminModule } from '@activation/delivery';
import { DATA_SOURCE, ROOT_LOGGER, ServiceRuntimeModule } from '@activation/service-runtime';
import { createTestBus, createTestSchema, readTopic, testDatabaseUrl, testKafkaBrokers, uniqueTopic, waitFor } from '@activation/testing';
import { membershipEvent } from '../testing/membership-event';
import { FunctionDestinationAdapter } from '../adapter/function-adapter';
import { FunctionDestinationTester } from '../adapter/function-destination-tester';
import { AddressPolicy } from '../http/address-policy';
import { insertAudience, insertFunctionDestination, insertSubscription } from '../testing/configuration-fixtures';
import { DeliveryHarness } from '../testing/delivery-harness';
import { FunctionServer } from '../testing/function-server';

@Module({})
class AdminTestApp {
  static register(settings: ConfigurationSettings, snapshotRequestsTopic: string): DynamicModule {
    const adapter = new FunctionDestinationAdapter({ policy: new AddressPolicy(['loopback']) });
    return {
      module: AdminTestApp,
      imports: [
        ServiceRuntimeModule.forRoot({ serviceName: 'admin-api', settings, entities: CONFIGURATION_ENTITIES }),
        ConfigurationModule.forRoot({ serviceName: 'admin-api', settings, dataSourceToken: DATA_SOURCE, loggerToken: ROOT_LOGGER, startCache: false }),
        DeliveryAdminModule.forRoot({ kinds: ['function'], snapshotRequestsTopic, testers: { function: new FunctionDestinationTester(adapter) } }),
      ],
    };
  }
}

/** The delivery routes of the admin API over a running invoker's state. */
describe('delivery admin API', () => {
  let harness: DeliveryHarness;
  let app: INestApplication;
  let base: string;
  let working: FunctionServer;
  let broken: FunctionServer;
  let rejecting: FunctionServer;
  let workingSync: number;
  let brokenSync: number;
  let rejectingSync: number;
  let audienceId: string;
  const snapshotTopic = uniqueTopic('snapshot-requests');
  const keys = { admin: generateApiKey(), reader: generateApiKey() };

  const call = async (method: string, path: string, key?: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(key ? { 'x-api-key': key } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, text };
  };

  beforeAll(async () => {
    harness = await new DeliveryHarness({
      schema: await createTestSchema({ entities: CONFIGURATION_ENTITIES }), bus: createTestBus('delivery-admin-spec'), brokers: testKafkaBrokers(),
      databaseUrl: testDatabaseUrl(),
    }).setUp();
    await harness.bus.ensureTopics([{ topic: snapshotTopic, partitions: 1 }]);
    working = await FunctionServer.start((request) => (request.index === 0 ? { status: 500, body: 'warming up' } : {}));
    broken = await FunctionServer.start(() => ({ status: 503, body: 'down for maintenance' }));
    // Answers 200 but rejects every row of every call: nothing is ever delivered.
    rejecting = await FunctionServer.start((request) => ({
      body: { errors: request.payload.rows.map((row) => ({ primary_key_value: row['profile_id'], reason: 'unknown customer' })) },
    }));
    audienceId = await insertAudience(harness.dataSource, ['v']);
    const secrets = { functionKey: 'fk-admin-spec-secret' };
    const workingDestination = await insertFunctionDestination(harness.dataSource, harness.cipher, { url: working.url }, secrets);
    const brokenDestination = await insertFunctionDestination(harness.dataSource, harness.cipher, { url: broken.url });
    workingSync = await insertSubscription(harness.dataSource, { audienceId, destinationId: workingDestination, fields: ['v'], settings: { batchSize: 10 } });
    brokenSync = await insertSubscription(harness.dataSource, { audienceId, destinationId: brokenDestination, fields: ['v'], settings: { retry: { mode: 'next-run', attempts: 0 } } });
    const rejectingDestination = await insertFunctionDestination(harness.dataSource, harness.cipher, { url: rejecting.url });
    rejectingSync = await insertSubscription(harness.dataSource, {
      audienceId, destinationId: rejectingDestination, fields: ['v'], settings: { batchSize: 10, retry: { mode: 'next-run', attempts: 0 } },
    });
    for (const [name, key] of Object.entries(keys)) {
      await harness.query(`INSERT INTO api_keys (id, name, prefix, key_hash, roles, created_by) VALUES ($1, $2, $3, $4, $5, 'spec')`, [
        randomUUID(), name, key.prefix, key.hash, name === 'admin' ? ['admin'] : ['read-only'],
      ]);
    }
    await harness.startEngine();
    await harness.publish([1, 2].map((index) => membershipEvent({ audienceId, profileId: `p${index}`, projected: { v: index } })));

    const settings = loadConfig(ConfigurationSettings, {
      LOG_LEVEL: 'silent', DATABASE_URL: testDatabaseUrl(), DATABASE_SCHEMA: harness.schema.name, KAFKA_BROKERS: testKafkaBrokers().join(','),
      SECRETS_KEYS: harness.secretKeys, CONFIG_CHANGES_TOPIC: harness.configTopic,
    });
    app = await NestFactory.create(AdminTestApp.register(settings, snapshotTopic), { logger: false });
    app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true }));
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await harness.tearDown();
    await working?.close();
    await broken?.close();
    await rejecting?.close();
  });

  it('reports a healthy and a failing subscription', async () => {
    await waitFor(async () => (await call('GET', `/v1/subscriptions/${workingSync}/status`, keys.reader.raw)).body?.rowsQueued === 0, 30_000, 'delivered');
    const healthy = await call('GET', `/v1/subscriptions/${workingSync}/status`, keys.reader.raw);
    expect(healthy.body).toMatchObject({ syncId: workingSync, status: 'healthy', lagMs: 0, rowsQueued: 0, deadLetters: 0, lastErrorClass: 'http-status' });
    expect(healthy.body.deliveredBy).toEqual(expect.stringContaining('worker'));

    const failing = await waitFor(async () => {
      const reply = await call('GET', `/v1/subscriptions/${brokenSync}/status`, keys.reader.raw);
      return reply.body?.rowsDeferred === 2 && reply;
    }, 30_000, 'the failing subscription');
    expect(failing.body).toMatchObject({ status: 'failing', lastErrorClass: 'http-status', rowsQueued: 2, rowsWaitingForRetry: 2, lastSuccessAt: null });
    expect(failing.body.lastError).toContain('HTTP 503');
    expect(failing.body.lagMs).toBeGreaterThan(0);
  });

  it('reports a subscription whose function rejects every row as failing, not healthy', async () => {
    const status = await waitFor(async () => {
      const reply = await call('GET', `/v1/subscriptions/${rejectingSync}/status`, keys.reader.raw);
      return reply.body?.rowsDeferred === 2 && reply;
    }, 30_000, 'the rejected rows deferred');
    expect(status.body).toMatchObject({
      status: 'failing', lastSuccessAt: null, lastErrorClass: 'rejected-rows', rowsQueued: 2, lastError: expect.stringContaining('unknown customer'),
    });
    expect(status.body.consecutiveFailures).toBeGreaterThanOrEqual(1);
    const recorded = await harness.query<{ outcome: string; error_class: string; error: string }>(
      `SELECT outcome, error_class, error FROM sync_calls WHERE subscription_id = $1`, [rejectingSync],
    );
    expect(recorded.length).toBeGreaterThanOrEqual(1);
    for (const entry of recorded) expect(entry).toEqual({ outcome: 'partial', error_class: 'rejected-rows', error: expect.stringContaining('unknown customer') });
    // The call log carries the same words as the status.
    expect(recorded.map((entry) => entry.error)).toContain(status.body.lastError);
    // The metric labels the calls as the call log does.
    const metrics = await harness.metrics.registry.metrics();
    const line = metrics.split('\n').find((entry) => entry.startsWith(`activation_delivery_calls_total{sync_id="${rejectingSync}",outcome="partial",error_class="rejected-rows"} `));
    expect(Number(line?.split(' ')[1])).toBe(recorded.length);
  });

  it('lists runs and their calls with redacted bodies (the live debugger)', async () => {
    const runs = await call('GET', `/v1/subscriptions/${workingSync}/sync-runs`, keys.reader.raw);
    expect(runs.status).toBe(200);
    const items: Array<{ syncId: number; syncRunId: number; trigger: string; counts: Record<string, number> }> = runs.body.items;
    expect(items.every((item) => item.syncId === workingSync && item.trigger === 'changes')).toBe(true);
    const total = (name: string) => items.reduce((sum, item) => sum + item.counts[name], 0);
    expect([total('calls'), total('added'), total('rejected'), total('retried')]).toEqual([2, 2, 2, 2]);
    const callsOfRuns = await Promise.all(
      [...items].reverse().map(async (item) => (await call('GET', `/v1/subscriptions/${workingSync}/sync-runs/${item.syncRunId}/calls`, keys.reader.raw)).body.items),
    );
    const calls = { body: { items: callsOfRuns.flat() }, text: JSON.stringify(callsOfRuns) };
    expect(calls.body.items.map((item: { outcome: string; httpStatus: number; retry: boolean }) => [item.outcome, item.httpStatus, item.retry])).toEqual([
      ['rejected', 500, false],
      ['delivered', 200, true],
    ]);
    expect(calls.body.items[0]).toMatchObject({ callType: 'NEW', rowCount: 2, errorClass: 'http-status', response: 'warming up', primaryKeys: ['p1', 'p2'] });
    expect(calls.body.items[0].request.body).toMatchObject({ operation: 'add', metadata: { api_version: 1, sync_id: workingSync, sync_run_id: items.at(-1)!.syncRunId } });
    expect(calls.text).not.toContain('fk-admin-spec-secret');
    const all = await call('GET', `/v1/sync-runs?syncId=${brokenSync}`, keys.reader.raw);
    expect(all.body.items.every((item: { syncId: number }) => item.syncId === brokenSync)).toBe(true);
    expect((await call('GET', `/v1/subscriptions/${workingSync}/sync-runs/99`, keys.reader.raw)).status).toBe(404);
    // Lists page as the rest of the admin API.
    const everyRun = await call('GET', '/v1/sync-runs?limit=200', keys.reader.raw);
    expect(everyRun.body.nextCursor).toBeNull();
    const paged: unknown[] = [];
    for (let cursor = ''; ; ) {
      const page = await call('GET', `/v1/sync-runs?limit=1${cursor ? `&cursor=${cursor}` : ''}`, keys.reader.raw);
      paged.push(...page.body.items);
      if (!page.body.nextCursor) break;
      cursor = page.body.nextCursor;
    }
    expect(everyRun.body.items.length).toBeGreaterThan(1);
    expect(paged).toEqual(everyRun.body.items);
  });

  it('starts a re-sync: a snapshot request for this subscription only', async () => {
    expect((await call('POST', `/v1/subscriptions/${workingSync}/resync`, keys.reader.raw)).status).toBe(403);
    expect((await call('POST', `/v1/subscriptions/${workingSync}/resync`)).status).toBe(401);
    const reply = await call('POST', `/v1/subscriptions/${workingSync}/resync`, keys.admin.raw);
    expect(reply.status).toBe(202);
    const [message] = await readTopic(snapshotTopic, 1);
    expect(message.key).toBe(audienceId);
    expect(JSON.parse(message.value!.toString())).toMatchObject({ eventId: reply.body.requestId, audienceId, targetSubscriptionId: workingSync, version: 1 });
  });

  it('starts a replay and reports its progress', async () => {
    expect((await call('POST', `/v1/subscriptions/${workingSync}/replays`, keys.admin.raw, { from: '2999-01-01T00:00:00Z' })).status).toBe(400);
    expect((await call('POST', `/v1/subscriptions/${workingSync}/replays`, keys.admin.raw, { from: 'yesterday' })).status).toBe(400);
    const started = await call('POST', `/v1/subscriptions/${workingSync}/replays`, keys.admin.raw, { from: new Date(Date.now() - 600_000).toISOString() });
    expect(started.status).toBe(202);
    const done = await waitFor(async () => {
      const reply = await call('GET', `/v1/subscriptions/${workingSync}/replays/${started.body.id}`, keys.reader.raw);
      return reply.body?.status === 'completed' && reply.body;
    }, 60_000, 'the replay');
    expect(done).toMatchObject({ subscriptionId: workingSync, stagedRows: 2 });
    expect((await call('GET', `/v1/subscriptions/424242/status`, keys.reader.raw)).status).toBe(404);
  });

  it('registers the function kind\'s "test destination" with the admin API', async () => {
    const tester = app.get(DestinationTesterRegistry).get('function');
    const destination = await new DestinationRepository(harness.dataSource).findById(
      (await harness.query<{ destination_id: string }>(`SELECT destination_id FROM subscriptions WHERE id = $1`, [workingSync]))[0].destination_id,
    );
    const result = await tester!.test(toDestinationConfig(destination!), { functionKey: 'fk-admin-spec-secret' });
    expect(result).toMatchObject({ ok: true, status: 200 });
    const last = working.calls.at(-1)!;
    expect(last.headers['x-activation-test']).toBe('true');
    expect(last.payload).toEqual({ operation: 'add', primary_key_column: 'profile_id', rows: [], metadata: { api_version: 1, sync_id: 0, sync_run_id: 0 } });
  });
});
