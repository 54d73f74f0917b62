import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { SecretCipher, SecretKeyring } from '@activation/configuration';
import type { MessageBus, OutgoingMessage } from '@activation/kafka';
import { createTestBus, createTestSchema, readTopic, uniqueTopic, type TestSchema } from '@activation/testing';
import { ConnectorFactory } from '../engine/connector-factory';
import { PullRunner } from '../engine/pull-runner';
import type { SourceMapping } from '../model/pull-source';
import { KnownRecordRepository } from '../repositories/known-record.repository';
import { PullSourceRepository } from '../repositories/pull-source.repository';
import { SourceRunRepository } from '../repositories/source-run.repository';
import { startFunctionServer, type FunctionServer } from '../test-support/function-server';
import { foldProfiles } from '../test-support/profile-fold';
import { sha256Hex } from '../engine/column-policy';
import { FunctionConnector } from './function-connector';

jest.setTimeout(90_000);

const CUSTOMERS = Array.from({ length: 25 }, (_, i) => ({ id: `c-${i + 1}`, name: `Customer ${i + 1}`, email: `c${i + 1}@example.com`, tier: 'gold', crm: `crm-${i + 1}` }));
const PAGE = 10;
const MAPPING: SourceMapping = {
  entities: {
    customers: { profileId: 'id', identifiers: { '7': 'crm' } },
    leads: { profileId: 'lead_id' },
    events: { profileId: 'profile' },
  },
  hashedColumns: ['customers.email'],
  blockedColumns: ['tier'],
  blockedEntities: ['internal'],
};

/** Pages customers with hasMore, fails once mid-way, then deletes, soft-deletes and appends. */
function dataSetFunction() {
  let failedOnce = false;
  return (body: Record<string, unknown>, res: import('node:http').ServerResponse) => {
    const state = body['state'] as { phase?: string; offset?: number };
    const schema = { customers: { primary_key: ['id'] }, leads: { primary_key: ['lead_id'] } };
    if (!state.phase) {
      const offset = state.offset ?? 0;
      if (offset === PAGE && !failedOnce) { failedOnce = true; res.writeHead(502).end('bad gateway'); return undefined; }
      const page = CUSTOMERS.slice(offset, offset + PAGE);
      const last = offset + PAGE >= CUSTOMERS.length;
      return {
        state: last ? { phase: 'customers-done' } : { offset: offset + PAGE },
        insert: {
          customers: page,
          internal: [{ id: 'secret' }],
          ...(last ? { leads: [{ lead_id: 'L1', score: 1 }, { lead_id: 'L2', score: 2 }, { lead_id: 'L3', score: 3 }], events: [{ profile: 'c-1', lastEvent: 'login' }] } : {}),
        },
        ...(last ? { delete: { customers: [{ id: 'c-5' }] } } : {}),
        schema,
        hasMore: !last,
      };
    }
    if (state.phase === 'customers-done') {
      return { state: { phase: 'leads-done' }, insert: { leads: [{ lead_id: 'L2', score: 20 }] }, delete: { leads: [{ lead_id: 'L2' }] }, softDelete: ['leads'], schema, hasMore: false };
    }
    return { state, insert: {}, schema, hasMore: false };
  };
}

function expectedProfiles() {
  const expected = new Map<string, { attributes: Record<string, unknown>; identifiers: Record<string, string[]> }>();
  for (const c of CUSTOMERS) {
    if (c.id === 'c-5') continue;
    expected.set(c.id, { attributes: { name: c.name, email: sha256Hex(c.email) }, identifiers: { '7': [c.crm] } });
  }
  expected.get('c-1')!.attributes['lastEvent'] = 'login';
  expected.set('L2', { attributes: { score: 20 }, identifiers: {} });
  return expected;
}

class CountingBus {
  published = 0;
  constructor(readonly inner: MessageBus) {}
  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    await this.inner.publish(topic, messages);
    this.published += messages.length;
  }
}

describe('function source', () => {
  let schema: TestSchema;
  let bus: MessageBus;
  let server: FunctionServer;
  const logger = pino({ level: 'silent' });
  const cipher = new SecretCipher(SecretKeyring.fromSettings({ SECRETS_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}` }));

  beforeAll(async () => {
    schema = await createTestSchema();
    bus = createTestBus('function-source-spec');
  });
  afterAll(async () => {
    await bus.close();
    await schema.drop();
  });
  afterEach(async () => server?.close());

  async function setUp(crashOnPage?: number) {
    const topic = uniqueTopic('pull-function');
    await bus.ensureTopics([{ topic, partitions: 3 }]);
    const sources = new PullSourceRepository(schema.dataSource);
    const runs = new SourceRunRepository(schema.dataSource);
    const counting = new CountingBus(bus);
    let crashed = false;
    const runner = new PullRunner({
      dataSource: schema.dataSource, bus: counting as unknown as MessageBus, topic, sources, runs,
      records: new KnownRecordRepository(schema.dataSource), logger,
      afterPublish: async (_id, page) => {
        if (page === crashOnPage && !crashed) { crashed = true; throw new Error('simulated crash before the state was saved'); }
      },
    });
    const id = randomUUID();
    await sources.insert(schema.dataSource.manager, {
      id, name: `fn-${id}`, kind: 'function', intervalSeconds: 60, enabled: true, mapping: MAPPING,
      settings: { url: server.url, customPayload: { region: 'eu' }, timeoutMs: 5_000, maxAttempts: 3 },
      secrets: cipher.encryptAll({ apiToken: 'token-1' }, `pull-source:${id}`),
    });
    const factory = new ConnectorFactory(cipher);
    const runOnce = async (trigger: 'manual' | 'resync' = 'manual') => {
      const source = (await sources.findById(id))!;
      return runs.findById(await runner.run(source, factory.create(source), trigger));
    };
    return { topic, runOnce, counting, sources, runs, id };
  }

  it('pages with hasMore, survives a failed call, deletes and soft-deletes: profiles equal the data set', async () => {
    server = await startFunctionServer(dataSetFunction());
    const { topic, runOnce, counting } = await setUp();
    const first = await runOnce();
    expect(first).toMatchObject({ status: 'succeeded', pages: 3, upserted: 29, deleted: 1 });
    expect(first!.notes).toContain('entity events has no schema: its records are appended without a key');
    const second = await runOnce();
    expect(second).toMatchObject({ status: 'succeeded', pages: 1, upserted: 1, deleted: 2 });
    expect(second!.notes).toContain('delete of leads has no effect: the entity is also soft-deleted');

    expect(server.requests[0]).toMatchObject({ state: {}, secrets: { apiToken: 'token-1' }, customPayload: { region: 'eu' } });
    expect(server.requests[0]['agent']).toContain('Activation Pull Source/');
    expect(typeof server.requests[0]['sync_id']).toBe('string');
    expect(server.requests.filter((r) => (r['state'] as { offset?: number }).offset === PAGE)).toHaveLength(2);

    const profiles = foldProfiles(await readTopic(topic, counting.published));
    expect(profiles).toEqual(expectedProfiles());
  });

  it('repeats a page after a crash between publishing and saving the state, without changing the result', async () => {
    server = await startFunctionServer(dataSetFunction());
    const { topic, runOnce, counting } = await setUp(1);
    const crashed = await runOnce();
    expect(crashed).toMatchObject({ status: 'failed', pages: 1, error: { message: 'simulated crash before the state was saved' } });
    expect(await runOnce()).toMatchObject({ status: 'succeeded', pages: 2 });
    expect(await runOnce()).toMatchObject({ status: 'succeeded' });
    const offsets = server.requests.map((r) => (r['state'] as { offset?: number }).offset);
    expect(offsets.filter((o) => o === PAGE).length).toBeGreaterThanOrEqual(2);
    const messages = await readTopic(topic, counting.published);
    expect(new Set(messages.map((m) => m.headers['x-event-id'])).size).toBeLessThan(messages.length);
    expect(foldProfiles(messages)).toEqual(expectedProfiles());
  });

  it('re-sync starts from an empty state', async () => {
    server = await startFunctionServer(dataSetFunction());
    const { runOnce } = await setUp();
    await runOnce();
    const before = server.requests.length;
    expect(await runOnce('resync')).toMatchObject({ status: 'succeeded', trigger: 'resync' });
    expect(server.requests[before]['state']).toEqual({});
  });

  it('stops the run with the error the function reported', async () => {
    server = await startFunctionServer(() => ({ errorMessage: "name 'response' is not defined", errorType: 'NameError', stackTrace: [['f.py', 35]] }));
    const { runOnce, sources, id } = await setUp();
    const run = await runOnce();
    expect(run).toMatchObject({ status: 'failed', pages: 0, error: { message: "name 'response' is not defined", type: 'NameError', stackTrace: [['f.py', 35]] } });
    expect((await sources.findById(id))!.state).toEqual({});
  });

  it('refuses an answer that is not JSON with a clear message', async () => {
    server = await startFunctionServer((_body, res) => { res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>'); return undefined; });
    const { runOnce } = await setUp();
    const run = await runOnce();
    expect(run!.error!.message).toBe('the function answered with Content-Type "text/html"; it must be "application/json"');
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after retrying HTTP errors with backoff', async () => {
    server = await startFunctionServer((_body, res) => { res.writeHead(503).end(); return undefined; });
    const { runOnce } = await setUp();
    const run = await runOnce();
    expect(run).toMatchObject({ status: 'failed', error: { type: 'FunctionUnavailable' } });
    expect(server.requests).toHaveLength(3);
  });

  it('tests the source with setup_test and the setup-test sync id, then without the sync id', async () => {
    server = await startFunctionServer((body) => (body['sync_id'] ? { errorMessage: 'unknown sync' } : { state: {}, insert: {}, hasMore: false }));
    const connector = new FunctionConnector({ settings: { url: server.url, maxAttempts: 1 }, secrets: {}, agent: 'test' });
    expect(await connector.test()).toEqual({ ok: true, message: 'the function answered the setup test (without sync_id)' });
    expect(server.requests.map((r) => [r['setup_test'], r['sync_id']])).toEqual([[true, 'setup-test'], [true, undefined]]);
  });

  it('sends the functionKey secret as x-functions-key, and no key header without one', async () => {
    server = await startFunctionServer(() => ({ state: {}, insert: {}, hasMore: false }));
    await new FunctionConnector({ settings: { url: server.url, maxAttempts: 1 }, secrets: { functionKey: 'fn-key-1' }, agent: 'test' }).nextPage({}, 'sync-1');
    await new FunctionConnector({ settings: { url: server.url, maxAttempts: 1 }, secrets: {}, agent: 'test' }).nextPage({}, 'sync-1');
    expect(server.headers.map((h) => h['x-functions-key'])).toEqual(['fn-key-1', undefined]);
  });

  it('does not follow a redirect, so neither the key nor the secrets go elsewhere', async () => {
    const elsewhere = await startFunctionServer(() => ({ state: {}, insert: {}, hasMore: false }));
    server = await startFunctionServer((_body, res) => {
      res.writeHead(307, { location: elsewhere.url }).end();
    });
    const connector = new FunctionConnector({ settings: { url: server.url, maxAttempts: 3 }, secrets: { functionKey: 'fn-key-1' }, agent: 'test' });
    await expect(connector.nextPage({}, 'sync-1')).rejects.toThrow('the function answered with a redirect (HTTP 307)');
    expect(server.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
    await elsewhere.close();
  });
});
