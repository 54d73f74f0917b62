import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@activation/config';
import { CONFIGURATION_ENTITIES } from '@activation/configuration';
import { membershipEvent } from '@activation/delivery';
import type { KafkaMessageBus } from '@activation/kafka';
import { adminApiService } from '@activation/services/admin-api';
import {
  createTestBus, createTestSchema, startEventHubsEmulator, testDatabaseUrl, testKafkaBrokers, testSecretKeys, uniqueTopic, waitFor,
  type EventHubsEmulator, type TestSchema,
} from '@activation/testing';
import { EventHubsDeliveryHarness } from '../../../../libs/eventhubs-destination/src/testing/eventhubs-delivery-harness';

const HUB = 'audiences';
const KEY = { name: 'RootManageSharedAccessKey', key: 'YWRtaW4tYXBpLWtleQ==' };
const BOOTSTRAP_KEY = 'eventhubs-spec-bootstrap-admin-key-0123456789';
type Body = Record<string, unknown> & { errors?: Array<{ path: string; message: string }> };

/** The admin API with the Event Hubs kind: settings checks, "test destination", and the subscription status. */
describe('Event Hubs destinations in the admin API', () => {
  let schema: TestSchema;
  let bus: KafkaMessageBus;
  let emulator: EventHubsEmulator;
  let harness: EventHubsDeliveryHarness;
  let app: INestApplication;
  let base: string;
  let audienceId: string;

  const send = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Body; text: string }> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'x-api-key': BOOTSTRAP_KEY, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {}, text };
  };
  const createDestination = async (name: string, settings: Record<string, unknown>, connectionString: string) =>
    send('POST', '/v1/destinations', { name, kind: 'eventhubs', settings, secrets: { connectionString } });

  beforeAll(async () => {
    schema = await createTestSchema({ entities: CONFIGURATION_ENTITIES });
    bus = createTestBus('eventhubs-admin');
    emulator = await startEventHubsEmulator({ hubs: [{ name: HUB, partitions: 3 }], keys: [KEY] });
    harness = await new EventHubsDeliveryHarness({ schema, bus, brokers: testKafkaBrokers(), databaseUrl: testDatabaseUrl(), secretKeys: testSecretKeys() }).setUp();
    const settings = loadConfig(adminApiService.settings, {
      LOG_LEVEL: 'silent', ADMIN_BOOTSTRAP_KEY: BOOTSTRAP_KEY, DATABASE_URL: testDatabaseUrl(), DATABASE_SCHEMA: schema.name,
      KAFKA_BROKERS: testKafkaBrokers().join(','), SECRETS_KEYS: harness.secretKeys, CONFIG_CHANGES_TOPIC: uniqueTopic('eventhubs-admin.config'),
    });
    app = await NestFactory.create(adminApiService.module(settings), { logger: false });
    await adminApiService.configure?.(app, settings);
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const audience = await send('POST', '/v1/audiences', {
      name: 'Hub audience', slug: 'hub-audience', rule: { attribute: 'tier', operator: 'equals', value: 'gold' }, projectedVariables: ['lastCategory'],
    });
    audienceId = audience.body['id'] as string;
  });

  afterAll(async () => {
    await app?.close();
    await harness?.tearDown();
    await bus?.close();
    await emulator?.stop();
    await schema?.drop();
  });

  it('refuses partner number 42 on the destination and on the subscription, naming the field', async () => {
    const reserved = await createDestination('hub-42', { partnerNumber: 42 }, emulator.connectionString(HUB));
    expect(reserved.status).toBe(422);
    expect(reserved.body.errors).toEqual([{ path: '$.settings.partnerNumber', message: expect.stringContaining('reserved') }]);
    const missing = await createDestination('hub-no-partner', {}, emulator.connectionString(HUB));
    expect(missing.status).toBe(422);
    expect(new Set(missing.body.errors!.map((error) => error.path))).toEqual(new Set(['$.settings.partnerNumber']));

    const destination = await createDestination('hub-33', { partnerNumber: 33 }, emulator.connectionString(HUB));
    expect(destination.status).toBe(201);
    const subscription = (settings: Record<string, unknown>, name: string) =>
      send('POST', '/v1/subscriptions', { name, audienceId, destinationId: destination.body['id'], initialSync: 'future-only', projection: { fields: ['lastCategory'] }, settings });
    const refused = await subscription({ partnerNumber: 42, sourceName: 'Hub audience' }, 'sub-42');
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ path: '$.settings.partnerNumber', message: expect.stringContaining('reserved') }]);
    const accepted = await subscription({ partnerNumber: 34, sourceName: 'Hub audience', data: { campaign: 'spring' } }, 'sub-34');
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ settings: { partnerNumber: 34, sourceName: 'Hub audience', data: { campaign: 'spring' } } });
  });

  it('"test destination" connects and reads the hub\'s properties, or reports the error class', async () => {
    const working = await createDestination('hub-test-ok', { partnerNumber: 33 }, emulator.connectionString(HUB));
    const ok = await send('POST', `/v1/destinations/${working.body['id']}/test`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, detail: `connected to event hub "${HUB}" with 3 partition(s).` });

    const wrongKey = await createDestination('hub-test-wrong-key', { partnerNumber: 33 }, emulator.connectionString(HUB).replace(KEY.key, 'd3Jvbmcta2V5'));
    const refused = await send('POST', `/v1/destinations/${wrongKey.body['id']}/test`);
    expect(refused.body).toMatchObject({ ok: false, detail: expect.stringMatching(/^invalid-credentials: UnauthorizedError/) });
    expect(refused.text).not.toContain('d3Jvbmcta2V5');

    const missingHub = await createDestination('hub-test-missing', { partnerNumber: 33 }, emulator.connectionString(HUB).replace(`EntityPath=${HUB}`, 'EntityPath=nope'));
    expect((await send('POST', `/v1/destinations/${missingHub.body['id']}/test`)).body).toMatchObject({ ok: false, detail: expect.stringMatching(/^other: /) });
    expect(emulator.messages(HUB)).toEqual([]);
  });

  it('a subscription with a wrong key shows as failing with invalid credentials in its status', async () => {
    const destination = await createDestination('hub-status-wrong-key', { partnerNumber: 33 }, emulator.connectionString(HUB).replace(KEY.key, 'a2V5LXdyb25n'));
    const subscription = await send('POST', '/v1/subscriptions', {
      name: 'sub-status', audienceId, destinationId: destination.body['id'], initialSync: 'future-only', projection: { fields: ['lastCategory'] }, settings: {},
    });
    const syncId = subscription.body['id'] as number;
    await harness.startEngine();
    await harness.publish([membershipEvent({ audienceId, profileId: 'p-status', identifiers: { '33': ['x'] }, projected: { lastCategory: 'c' } })]);
    const status = await waitFor(async () => {
      const reply = await send('GET', `/v1/subscriptions/${syncId}/status`);
      return reply.body['lastErrorClass'] ? reply.body : undefined;
    }, 30_000, 'the subscription status');
    expect(status).toMatchObject({ syncId, status: 'failing', lastErrorClass: 'invalid-credentials', rowsQueued: 1 });
    expect(status['lastError']).toMatch(/UnauthorizedError/);
  });
});
