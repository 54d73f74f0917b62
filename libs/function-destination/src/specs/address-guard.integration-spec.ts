import { CONFIGURATION_ENTITIES } from '@activation/configuration';
import { createTestBus, createTestSchema, testDatabaseUrl, testKafkaBrokers, waitFor } from '@activation/testing';
import { membershipEvent } from '../testing/membership-event';
import { AddressPolicy } from '../http/address-policy';
import { FunctionClient } from '../http/function-client';
import { SIGNATURE_HEADERS } from '../signing/request-signature';
import { insertAudience, insertFunctionDestination, insertSubscription } from '../testing/configuration-fixtures';
import { DeliveryHarness } from '../testing/delivery-harness';
import { FunctionServer } from '../testing/function-server';

const post = async (url: string, allow: string[], functionKey?: string) => {
  const client = new FunctionClient({ url, timeoutMs: 3_000, policy: new AddressPolicy(allow), functionKey });
  try {
    return await client.post('{}');
  } finally {
    await client.close();
  }
};

/** Calls that would reach private, loopback, link-local or metadata addresses are refused when connecting. */
describe('function invoker: private-address guard', () => {
  const servers: FunctionServer[] = [];
  const start = async (...args: Parameters<typeof FunctionServer.start>) => {
    const server = await FunctionServer.start(...args);
    servers.push(server);
    return server;
  };

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  it('refuses literal private, link-local and metadata addresses without connecting', async () => {
    for (const url of ['http://10.255.255.1:8080/api', 'http://192.168.0.10/api', 'http://[fd00::1]:8080/api', 'http://169.254.169.254/latest/meta-data']) {
      const exchange = await post(url, ['link-local']);
      expect(exchange).toMatchObject({ kind: 'failure', errorClass: 'blocked-address' });
      expect(exchange.latencyMs).toBeLessThan(500);
    }
  });

  it('refuses a hostname that resolves to 127.0.0.1 when loopback is not allowed, and calls it when it is', async () => {
    const server = await start();
    const byName = `http://localhost:${server.port}/api`;
    const refused = await post(byName, []);
    expect(refused).toMatchObject({ kind: 'failure', errorClass: 'blocked-address' });
    expect(refused.kind === 'failure' && refused.reason).toContain('localhost');
    expect(server.calls).toHaveLength(0);
    expect(await post(byName, ['loopback'])).toMatchObject({ kind: 'response', status: 200 });
    expect(server.calls).toHaveLength(1);
  });

  it('refuses a redirect to a private address, and keeps the function key from another origin', async () => {
    const hidden = await start(() => ({}), '127.0.0.2');
    const redirecting = await start(() => ({ status: 307, headers: { location: `http://127.0.0.2:${hidden.port}/internal` } }));
    const refused = await post(redirecting.url, ['127.0.0.1/32'], 'secret-key');
    expect(refused).toMatchObject({ kind: 'failure', errorClass: 'blocked-address' });
    expect(redirecting.calls).toHaveLength(1);
    expect(hidden.calls).toHaveLength(0);

    const target = await start();
    const allowed = await start(() => ({ status: 307, headers: { location: target.url } }));
    expect(await post(allowed.url, ['127.0.0.1/32'], 'secret-key')).toMatchObject({ kind: 'response', status: 200 });
    expect(allowed.calls[0].headers[SIGNATURE_HEADERS.functionKey]).toBe('secret-key');
    expect(target.calls[0].headers[SIGNATURE_HEADERS.functionKey]).toBeUndefined();
  });

  it('records a refused destination as a blocked-address call and never reaches it', async () => {
    const server = await start();
    const harness = await new DeliveryHarness(
      {
        schema: await createTestSchema({ entities: CONFIGURATION_ENTITIES }), bus: createTestBus('address-guard-spec'), brokers: testKafkaBrokers(),
        databaseUrl: testDatabaseUrl(),
      },
      { allow: [] },
    ).setUp();
    try {
      const audienceId = await insertAudience(harness.dataSource, ['v']);
      const destinationId = await insertFunctionDestination(harness.dataSource, harness.cipher, { url: server.url });
      const subscriptionId = await insertSubscription(harness.dataSource, { audienceId, destinationId, fields: ['v'] });
      await harness.startEngine();
      await harness.publish([membershipEvent({ audienceId, profileId: 'p1', projected: { v: 1 } })]);
      const [call] = await waitFor(
        async () => {
          const calls = await harness.query<{ error_class: string; error: string }>(`SELECT error_class, error FROM sync_calls WHERE subscription_id = $1`, [subscriptionId]);
          return calls.length > 0 && calls;
        },
        30_000,
        'the refused call',
      );
      expect(call.error_class).toBe('blocked-address');
      expect(call.error).toContain('127.0.0.1');
      expect(server.calls).toHaveLength(0);
    } finally {
      await harness.tearDown();
    }
  });
});
