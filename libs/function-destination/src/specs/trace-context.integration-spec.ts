import { Writable } from 'node:stream';
import pino from 'pino';
import { CONFIGURATION_ENTITIES } from '@activation/configuration';
import { HEADERS } from '@activation/contracts';
import { HistoryRepository, type SyncCallRecord } from '@activation/delivery';
import { traceIdOf } from '@activation/kafka';
import { createTestBus, createTestSchema, testDatabaseUrl, testKafkaBrokers, waitFor } from '@activation/testing';
import { SIGNATURE_HEADERS } from '../signing/request-signature';
import { insertAudience, insertFunctionDestination, insertSubscription } from '../testing/configuration-fixtures';
import { DeliveryHarness } from '../testing/delivery-harness';
import { FunctionServer } from '../testing/function-server';
import { membershipEvent } from '../testing/membership-event';

const TRACE = { single: '4bf92f3577b34da6a3ce929d0e0e4736', first: '0af7651916cd43dd8448eb211c80319c', second: '7d3efb1b173fecfa1e9ab4f4a4c6e5b2' };
const traceparentOf = (traceId: string) => `00-${traceId}-00f067aa0ba902b7-01`;

/**
 * The membership event's `traceparent` reaches the delivery call: the call log the admin API shows
 * names the trace ids of the call's rows, the dispatcher logs them per call, and a call of one
 * trace sends it on to the function (same trace id, a span of its own).
 */
describe('function invoker: trace context from membership event to delivery call', () => {
  let harness: DeliveryHarness;
  let history: HistoryRepository;
  const servers: Record<string, FunctionServer> = {};
  const subscriptions: Record<string, { id: number; audienceId: string }> = {};
  const logLines: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line) logLines.push(JSON.parse(line));
        done();
      },
    }),
  );

  const setUp = async (name: string, batchSize: number) => {
    servers[name] = await FunctionServer.start();
    const audienceId = await insertAudience(harness.dataSource, ['v']);
    const destinationId = await insertFunctionDestination(harness.dataSource, harness.cipher, { url: servers[name].url });
    subscriptions[name] = { id: await insertSubscription(harness.dataSource, { audienceId, destinationId, fields: ['v'], settings: { batchSize } }), audienceId };
  };
  const publish = (name: string, profileIds: string[], traceIds: string[]) =>
    harness.bus.publish(
      harness.membershipTopic,
      profileIds.map((profileId, index) => ({
        key: profileId,
        value: membershipEvent({ audienceId: subscriptions[name].audienceId, profileId, projected: { v: 1 } }),
        headers: { [HEADERS.traceparent]: traceparentOf(traceIds[index]) },
      })),
    );
  const callsOf = async (name: string): Promise<SyncCallRecord[]> => {
    const syncId = subscriptions[name].id;
    const runs = await history.runs({ syncId }, { limit: 10 });
    return (await Promise.all(runs.items.map(async (run) => (await history.calls(syncId, run.syncRunId, { limit: 100 })).items))).flat();
  };
  const deliveredKeys = async (name: string) => (await callsOf(name)).filter((call) => call.outcome === 'delivered').flatMap((call) => call.primaryKeys);
  const receivedBy = (name: string, call: SyncCallRecord) =>
    servers[name].calls.find((received) => received.headers[SIGNATURE_HEADERS.callId] === (call.request as { callId: string }).callId);

  beforeAll(async () => {
    harness = await new DeliveryHarness(
      { schema: await createTestSchema({ entities: CONFIGURATION_ENTITIES }), bus: createTestBus('trace-context-spec'), brokers: testKafkaBrokers(), databaseUrl: testDatabaseUrl() },
      { partitions: 1, logger },
    ).setUp();
    history = new HistoryRepository(harness.dataSource);
    await setUp('single', 1);
    await setUp('batched', 10);
    await harness.startEngine();
  }, 60_000);

  afterAll(async () => {
    await harness?.tearDown();
    for (const server of Object.values(servers)) await server.close();
  });

  it('records the trace id of a call, logs it, and sends the function a traceparent of the same trace', async () => {
    await publish('single', ['p1'], [TRACE.single]);
    await waitFor(async () => (await deliveredKeys('single')).includes('p1'), 30_000, 'p1 delivered');

    const [call] = await callsOf('single');
    expect(call).toMatchObject({ primaryKeys: ['p1'], traceIds: [TRACE.single] });
    const received = receivedBy('single', call);
    expect(traceIdOf(received?.headers['traceparent'] as string | undefined)).toBe(TRACE.single);
    expect(received?.headers['traceparent']).not.toBe(traceparentOf(TRACE.single));
    expect(logLines).toContainEqual(
      expect.objectContaining({ msg: 'delivery call', subscriptionId: subscriptions['single'].id, outcome: 'delivered', rows: 1, traceIds: [TRACE.single] }),
    );
  }, 60_000);

  it('names every trace of a call in its log entry, and sends a traceparent only when the call has one trace', async () => {
    await publish('batched', ['p2', 'p3'], [TRACE.first, TRACE.second]);
    await waitFor(async () => (await deliveredKeys('batched')).length === 2, 30_000, 'p2 and p3 delivered');

    const calls = await callsOf('batched');
    expect(calls.flatMap((call) => call.traceIds).sort()).toEqual([TRACE.first, TRACE.second].sort());
    for (const call of calls) {
      const header = receivedBy('batched', call)?.headers['traceparent'] as string | undefined;
      if (call.traceIds.length === 1) expect(traceIdOf(header)).toBe(call.traceIds[0]);
      else expect(header).toBeUndefined();
    }
  }, 60_000);
});
