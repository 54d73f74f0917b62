import { CONFIGURATION_ENTITIES } from '@activation/configuration';
import { createTestBus, createTestSchema, testDatabaseUrl, testKafkaBrokers, waitFor } from '@activation/testing';
import { membershipEvent } from '../testing/membership-event';
import { insertAudience, insertFunctionDestination, insertSubscription } from '../testing/configuration-fixtures';
import { DeliveryHarness } from '../testing/delivery-harness';
import { FunctionServer } from '../testing/function-server';

/**
 * Fields chosen so that Postgres `jsonb` would reorder them (it puts shorter keys first:
 * `tier` before `email`, `email` before `first_name`): rows must keep the configured order.
 */
const FIELDS = ['first_name', 'email', 'tier'];
const EXPECTED_KEYS = ['profile_id', ...FIELDS];

/** A row's keys in the order they appear in a JSON text (JSON.parse keeps it for such names). */
const keysOf = (row: Record<string, unknown>) => Object.keys(row);

describe('function invoker: rows keep the primary key first, then the projection fields in their configured order', () => {
  let harness: DeliveryHarness;
  let server: FunctionServer;
  let syncId: number;
  let audienceId: string;

  beforeAll(async () => {
    harness = await new DeliveryHarness(
      { schema: await createTestSchema({ entities: CONFIGURATION_ENTITIES }), bus: createTestBus('field-order-spec'), brokers: testKafkaBrokers(), databaseUrl: testDatabaseUrl() },
      { partitions: 1 },
    ).setUp();
    // The first call is rejected for one row, so a retried row (read from the queue again) is sent too.
    server = await FunctionServer.start((call) => (call.index === 0 ? { body: { errors: [{ primary_key_value: 'p1', reason: 'try again' }] } } : {}));
    audienceId = await insertAudience(harness.dataSource, [...FIELDS, 'other']);
    const destinationId = await insertFunctionDestination(harness.dataSource, harness.cipher, { url: server.url });
    syncId = await insertSubscription(harness.dataSource, { audienceId, destinationId, fields: FIELDS, settings: { batchSize: 10 } });
    await harness.publish(
      ['p1', 'p2'].map((profileId) =>
        membershipEvent({ audienceId, profileId, projected: { tier: 'gold', other: 'x', email: `${profileId}@example.com`, first_name: 'Ann' } }),
      ),
    );
    await harness.startEngine();
  });

  afterAll(async () => {
    await harness?.tearDown();
    await server?.close();
  });

  it('sends rows, first tries and retries alike, in that order', async () => {
    const queued = async () => (await harness.query(`SELECT 1 FROM delivery_rows WHERE subscription_id = $1`, [syncId])).length;
    await waitFor(async () => server.calls.length >= 2 && (await queued()) === 0, 30_000, 'the rows and the retry delivered');
    await waitFor(async () => (await harness.query(`SELECT 1 FROM sync_calls WHERE subscription_id = $1`, [syncId])).length === server.calls.length, 10_000, 'the calls recorded');
    const rows = server.calls.flatMap((call) => call.payload.rows);
    expect(rows.map((row) => row['profile_id']).sort()).toEqual(['p1', 'p1', 'p2']);
    for (const row of rows) expect(keysOf(row)).toEqual(EXPECTED_KEYS);
    expect(server.calls[0].raw).toContain('{"profile_id":"p1","first_name":"Ann","email":"p1@example.com","tier":"gold"}');
  });

  it('keeps that order in the call log', async () => {
    const calls = await harness.query<{ request: string }>(`SELECT request::text AS request FROM sync_calls WHERE subscription_id = $1 ORDER BY id`, [syncId]);
    expect(calls.length).toBe(server.calls.length);
    for (const call of calls) {
      const body = (JSON.parse(call.request) as { body: { rows: Array<Record<string, unknown>> } }).body;
      expect(keysOf(body as unknown as Record<string, unknown>)).toEqual(['operation', 'primary_key_column', 'rows', 'metadata']);
      for (const row of body.rows) expect(keysOf(row)).toEqual(EXPECTED_KEYS);
    }
    // Read back as the admin API reads it, too.
    const [parsed] = await harness.query<{ request: { body: { rows: Array<Record<string, unknown>> } } }>(
      `SELECT request FROM sync_calls WHERE subscription_id = $1 ORDER BY id LIMIT 1`, [syncId],
    );
    expect(keysOf(parsed.request.body.rows[0])).toEqual(EXPECTED_KEYS);
  });
});
