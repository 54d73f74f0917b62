import { CONFIGURATION_ENTITIES } from '@activation/configuration';
import type { CallType } from '@activation/contracts';
import { createTestBus, createTestSchema, testDatabaseUrl, testKafkaBrokers, waitFor } from '@activation/testing';
import { membershipEvent } from '../testing/membership-event';
import { SIGNATURE_HEADERS, verifyFunctionSignature } from '../signing/request-signature';
import { insertAudience, insertFunctionDestination, insertSubscription } from '../testing/configuration-fixtures';
import { DeliveryHarness } from '../testing/delivery-harness';
import { FunctionServer, type ReceivedCall } from '../testing/function-server';
import {
  SEED_BATCH_ADD, SEED_CUSTOMERS, SEED_REJECTED_ROWS_RESPONSE, SEED_SINGLE_ADD, SEED_SUCCESS_RESPONSE, seedPayload,
} from '../testing/seed-000-examples';

/** Seed 000's examples end to end: membership events on Kafka to a real HTTP function. */
describe('function invoker: seed 000 payloads and rejected rows', () => {
  let harness: DeliveryHarness;
  let single: FunctionServer;
  let batch: FunctionServer;
  let singleAudience: string;
  let batchAudience: string;
  let singleSync: number;
  let batchSync: number;

  const event = (audienceId: string, customer: { profileId: string; values: Record<string, unknown> }, callType: CallType, version: number) =>
    membershipEvent({ audienceId, profileId: customer.profileId, callType, membershipVersion: version, projected: { ...customer.values, other: 'not projected' } });
  const ids = (call: ReceivedCall, syncId: number) => ({ syncId, syncRunId: call.payload.metadata.sync_run_id });
  const successful = (server: FunctionServer) => server.calls.filter((call) => !call.headers['x-spec-refused']);

  beforeAll(async () => {
    harness = await new DeliveryHarness(
      { schema: await createTestSchema({ entities: CONFIGURATION_ENTITIES }), bus: createTestBus('seed-payloads-spec'), brokers: testKafkaBrokers(), databaseUrl: testDatabaseUrl() },
      { partitions: 1 },
    ).setUp();
    single = await FunctionServer.start(() => ({ body: SEED_SUCCESS_RESPONSE }));
    batch = await FunctionServer.start((call) => (call.index === 0 ? { body: SEED_REJECTED_ROWS_RESPONSE } : { body: SEED_SUCCESS_RESPONSE }));
    const fields = ['email', 'first_name', 'last_name'];
    singleAudience = await insertAudience(harness.dataSource, [...fields, 'other']);
    batchAudience = await insertAudience(harness.dataSource, [...fields, 'other']);
    const secrets = { functionKey: 'fk-single', signingSecret: 'signing-single' };
    const singleDestination = await insertFunctionDestination(harness.dataSource, harness.cipher, { url: single.url }, secrets);
    const batchDestination = await insertFunctionDestination(harness.dataSource, harness.cipher, { url: batch.url }, { functionKey: 'fk-batch' });
    const settings = { primaryKeyColumn: 'customer_id', retry: { mode: 'immediate', attempts: 5 } };
    singleSync = await insertSubscription(harness.dataSource, { audienceId: singleAudience, destinationId: singleDestination, fields, settings });
    batchSync = await insertSubscription(harness.dataSource, {
      audienceId: batchAudience, destinationId: batchDestination, fields, settings: { ...settings, batchSize: 3 },
    });
    // Queued before the invoker starts, so the three adds are read (and batched) together.
    await harness.publish([
      event(singleAudience, SEED_CUSTOMERS.john, 'NEW', 1),
      event(batchAudience, SEED_CUSTOMERS.alice, 'NEW', 1),
      event(batchAudience, SEED_CUSTOMERS.bob, 'NEW', 1),
      event(batchAudience, SEED_CUSTOMERS.carol, 'NEW', 1),
    ]);
    await harness.startEngine();
  });

  afterAll(async () => {
    await harness.tearDown();
    await single?.close();
    await batch?.close();
  });

  it('sends the single-row example with the function key and a verifiable signature', async () => {
    await waitFor(async () => single.calls.length >= 1, 30_000, 'the single-row call');
    const [call] = single.calls;
    expect(call.payload).toEqual(seedPayload(SEED_SINGLE_ADD, ids(call, singleSync)));
    expect(call.payload.metadata.sync_run_id).toBeGreaterThanOrEqual(1);
    expect(call.headers[SIGNATURE_HEADERS.functionKey]).toBe('fk-single');
    expect(verifyFunctionSignature('signing-single', call.headers, call.raw)).toEqual({ ok: true });
  });

  it('sends the batching example, then retries only the rows the seed response rejects', async () => {
    await waitFor(async () => batch.calls.length >= 2, 30_000, 'the batch and its retry');
    const [first, retry] = batch.calls;
    expect(first.payload).toEqual(seedPayload(SEED_BATCH_ADD, ids(first, batchSync)));
    expect(retry.payload.rows).toEqual([
      { customer_id: '928713', ...SEED_CUSTOMERS.alice.values },
      { customer_id: '283743', ...SEED_CUSTOMERS.bob.values },
    ]);
    expect(first.headers[SIGNATURE_HEADERS.signature]).toBeUndefined();

    await waitFor(async () => (await harness.query(`SELECT 1 FROM delivery_rows`)).length === 0, 30_000, 'an empty queue');
    const calls = await harness.query<{ outcome: string; rejected: unknown; primary_keys: string[]; retry: boolean; request: { body: unknown; url: string } }>(
      `SELECT outcome, rejected, primary_keys, retry, request FROM sync_calls WHERE subscription_id = $1 ORDER BY id`,
      [batchSync],
    );
    expect(calls.map((call) => [call.outcome, call.primary_keys, call.retry])).toEqual([
      ['partial', ['928713', '283743', '162352'], false],
      ['delivered', ['928713', '283743'], true],
    ]);
    expect(calls[0].rejected).toEqual([
      { primary_key_value: '928713', reason: 'Email not found' },
      { primary_key_value: '283743', reason: 'Email already exists' },
    ]);
    expect(calls[0].request.body).toEqual(first.payload);
    expect(JSON.stringify(calls)).not.toContain('fk-batch');
    const [run] = await harness.query(
      `SELECT sum(added)::int AS added, sum(rejected)::int AS rejected, sum(retried)::int AS retried, sum(calls)::int AS calls FROM sync_runs WHERE subscription_id = $1`,
      [batchSync],
    );
    expect(run).toEqual({ added: 3, rejected: 2, retried: 2, calls: 2 });
  });

  it.each([
    ['MODIFIED', 'change', 2],
    ['REMOVED', 'remove', 3],
  ] as const)('sends %s as "%s", singly and batched, with the last projected values', async (callType, operation, version) => {
    const singleBefore = single.calls.length;
    await harness.publish([event(singleAudience, SEED_CUSTOMERS.john, callType, version)]);
    await waitFor(async () => single.calls.length > singleBefore, 30_000, `the single ${operation}`);
    const singleCall = single.calls[singleBefore];
    expect(singleCall.payload).toEqual(seedPayload(SEED_SINGLE_ADD, ids(singleCall, singleSync), operation));

    // The function asks to wait once (429 + Retry-After), so the three changes are queued by then and go out together.
    const batchBefore = batch.calls.length;
    batch.behavior = (call) => (call.index === batchBefore ? { status: 429, headers: { 'retry-after': '1' } } : { body: SEED_SUCCESS_RESPONSE });
    await harness.publish([SEED_CUSTOMERS.alice, SEED_CUSTOMERS.bob, SEED_CUSTOMERS.carol].map((customer) => event(batchAudience, customer, callType, version)));
    await waitFor(async () => successful(batch).slice(batchBefore + 1).some((call) => call.payload.rows.length === 3), 30_000, `the batched ${operation}`);
    const batchCall = batch.calls.slice(batchBefore + 1).find((call) => call.payload.rows.length === 3)!;
    expect(batchCall.payload).toEqual(seedPayload(SEED_BATCH_ADD, ids(batchCall, batchSync), operation));
    expect(batchCall.arrivedAt - batch.calls[batchBefore].arrivedAt).toBeGreaterThanOrEqual(900);
  });
});
