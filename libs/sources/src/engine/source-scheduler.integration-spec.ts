import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { SecretCipher, SecretKeyring } from '@activation/configuration';
import { createTestBus, createTestSchema, uniqueTopic, waitFor, type TestSchema } from '@activation/testing';
import type { MessageBus } from '@activation/kafka';
import { KnownRecordRepository } from '../repositories/known-record.repository';
import { PullSourceRepository } from '../repositories/pull-source.repository';
import { SourceRunRepository } from '../repositories/source-run.repository';
import { startFunctionServer, type FunctionServer } from '../test-support/function-server';
import { ConnectorFactory } from './connector-factory';
import { PullRunner } from './pull-runner';
import { SourceScheduler } from './source-scheduler';

jest.setTimeout(60_000);

describe('source scheduler', () => {
  let schema: TestSchema;
  let bus: MessageBus;
  let server: FunctionServer;
  let scheduler: SourceScheduler;

  beforeAll(async () => {
    schema = await createTestSchema();
    bus = createTestBus('scheduler-spec');
    server = await startFunctionServer((body) => {
      const calls = Number((body['state'] as { calls?: number }).calls ?? 0) + 1;
      return { state: { calls }, insert: { people: [{ id: `p-${calls}` }] }, schema: { people: { primary_key: ['id'] } }, hasMore: false };
    });
  });
  afterAll(async () => {
    await scheduler?.stop();
    await server.close();
    await bus.close();
    await schema.drop();
  });

  it('runs due sources, runs on request, re-syncs from an empty state, and one scheduler at a time', async () => {
    const topic = uniqueTopic('pull-scheduled');
    await bus.ensureTopics([{ topic, partitions: 1 }]);
    const sources = new PullSourceRepository(schema.dataSource);
    const runs = new SourceRunRepository(schema.dataSource);
    const logger = pino({ level: 'silent' });
    const runner = new PullRunner({ dataSource: schema.dataSource, bus, topic, sources, runs, records: new KnownRecordRepository(schema.dataSource), logger });
    const factory = new ConnectorFactory(new SecretCipher(SecretKeyring.empty()));
    scheduler = new SourceScheduler(sources, factory, runner, logger, { pollMs: 200, leaseSeconds: 60 });
    const id = randomUUID();
    await sources.insert(schema.dataSource.manager, {
      id, name: 'scheduled', kind: 'function', intervalSeconds: 3600, enabled: true, secrets: {},
      settings: { url: server.url }, mapping: { entities: { people: { profileId: 'id' } } },
    });

    // A second scheduler's lease keeps the source away from this one.
    const leased = await sources.claimDue(60);
    expect(leased?.id).toBe(id);
    expect(await scheduler.runDue()).toBe(0);
    await sources.release(id);
    await sources.requestRun(id, false);

    scheduler.start();
    await waitFor(async () => (await runs.listBySource(id, { limit: 10 })).items.filter((r) => r.status === 'succeeded').length === 1, 20_000, 'run 1');
    expect((await runs.listBySource(id, { limit: 10 })).items[0]).toMatchObject({ trigger: 'manual', upserted: 1 });
    expect((await sources.findById(id))!.state).toEqual({ calls: 1 });

    await sources.requestRun(id, false);
    await waitFor(async () => (await runs.listBySource(id, { limit: 10 })).items.filter((r) => r.status === 'succeeded').length === 2, 20_000, 'run 2');
    expect((await sources.findById(id))!.state).toEqual({ calls: 2 });

    await sources.requestRun(id, true);
    await waitFor(async () => (await runs.listBySource(id, { limit: 10 })).items.filter((r) => r.status === 'succeeded').length === 3, 20_000, 'run 3');
    expect((await runs.listBySource(id, { limit: 10 })).items[0]).toMatchObject({ trigger: 'resync' });
    expect((await sources.findById(id))!).toMatchObject({ state: { calls: 1 }, resyncRequested: false, runRequestedAt: null });
    expect(server.requests.at(-1)!['state']).toEqual({});
  });
});
