import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import type { AudienceChange } from '@activation/contracts';
import type { KafkaMessageBus } from '@activation/kafka';
import { createTestBus, createTestSchema, uniqueTopic, waitFor, type TestSchema } from '@activation/testing';
import { generateApiKey } from '../api-keys/api-key-material';
import { SYSTEM_ACTOR } from '../changes/actor';
import { ConfigChangePublisher } from '../changes/config-change-publisher';
import { ConfigurationWriter } from '../changes/configuration-writer';
import { CONFIGURATION_ENTITIES } from '../entities';
import { ApiKeyRepository } from '../repositories/api-key.repository';
import { AudienceRepository } from '../repositories/audience.repository';
import { DestinationRepository } from '../repositories/destination.repository';
import { SecretCipher, secretOwner } from '../secrets/secret-cipher';
import { SecretKeyring } from '../secrets/secret-keyring';
import { SecretRotation } from '../secrets/secret-rotation';
import { ConfigurationCache } from './configuration-cache';

const logger = pino({ level: 'silent' });
const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');

describe('ConfigurationCache (Postgres + Kafka)', () => {
  let schema: TestSchema;
  let bus: KafkaMessageBus;
  let cache: ConfigurationCache;
  let writer: ConfigurationWriter;
  const topic = uniqueTopic('config-changes');
  const cipherA = new SecretCipher(SecretKeyring.fromSettings({ SECRETS_KEYS: `a:${keyA}` }));

  beforeAll(async () => {
    schema = await createTestSchema({ entities: CONFIGURATION_ENTITIES });
    bus = createTestBus('configuration-cache-spec');
    await bus.ensureTopics([{ topic, partitions: 2 }]);
    writer = new ConfigurationWriter(schema.dataSource, new ConfigChangePublisher(bus, topic), logger);
  });

  afterAll(async () => {
    await cache?.stop();
    await bus.close();
    await schema.drop();
  });

  const startCache = async (cipher: SecretCipher) => {
    const started = new ConfigurationCache(schema.dataSource, bus, cipher, logger, {
      serviceName: 'cache-spec', instance: 'test', topic, refreshIntervalMs: 0, apiKeyTtlMs: 60_000,
    });
    await started.start();
    return started;
  };

  const saveAudience = (id: string, name: string, variables: string[]) =>
    writer.change({ entity: 'audience', action: 'updated', actor: SYSTEM_ACTOR }, async (manager) => {
      const audiences = new AudienceRepository(schema.dataSource);
      const existing = await audiences.findById(id, manager);
      const rule = { attribute: 'tier', operator: 'equals', value: 'gold' };
      const saved = existing
        ? await audiences.update(manager, id, { name, projectedVariables: variables, version: existing.version + 1 })
        : await audiences.insert(manager, { id, slug: `s-${id.slice(0, 8)}`, name, description: null, status: 'active', rule, projectedVariables: variables, version: 1 });
      return { result: saved, entityId: id, changes: {} };
    });

  it('loads at start, then reloads only the entity a change names', async () => {
    const first = randomUUID();
    await saveAudience(first, 'Gold buyers', ['email']);
    cache = await startCache(cipherA);
    expect((await cache.get(first))?.name).toBe('Gold buyers');

    const seen: AudienceChange[] = [];
    cache.onChange((change) => void seen.push(change));
    await saveAudience(first, 'Gold buyers (EU)', ['email', 'tier']);
    await waitFor(async () => (await cache.get(first))?.name === 'Gold buyers (EU)', 30_000, 'the renamed audience');
    expect(seen).toContainEqual(expect.objectContaining({
      audienceId: first,
      previous: expect.objectContaining({ name: 'Gold buyers', version: 1 }),
      current: expect.objectContaining({ name: 'Gold buyers (EU)', version: 2, projectedVariables: ['email', 'tier'] }),
    }));

    await writer.change({ entity: 'audience', action: 'deleted', actor: SYSTEM_ACTOR }, async (manager) => {
      await new AudienceRepository(schema.dataSource).delete(manager, first);
      return { result: undefined, entityId: first, changes: {} };
    });
    await waitFor(async () => (await cache.get(first)) === undefined, 30_000, 'the deleted audience to disappear');
    expect(seen[seen.length - 1]).toEqual(expect.objectContaining({ audienceId: first, current: undefined }));
  });

  it('verifies API keys and forgets a revoked one when told, long before the TTL', async () => {
    const material = generateApiKey();
    const keys = new ApiKeyRepository(schema.dataSource);
    const id = randomUUID();
    await schema.dataSource.transaction((manager) =>
      keys.insert(manager, { id, name: 'ci', prefix: material.prefix, keyHash: material.hash, roles: ['admin'], createdBy: 'test', expiresAt: null, revokedAt: null }),
    );
    expect(await cache.verifyApiKey(material.raw)).toEqual({ id, name: 'ci', roles: ['admin'] });
    expect(await cache.verifyApiKey(`${material.raw}x`)).toBeUndefined();

    await writer.change({ entity: 'api-key', action: 'updated', actor: SYSTEM_ACTOR }, async (manager) => {
      await keys.revoke(manager, id, new Date());
      return { result: undefined, entityId: id, changes: {} };
    });
    await waitFor(async () => (await cache.verifyApiKey(material.raw)) === undefined, 30_000, 'the revoked key to be refused');
  });

  it('keeps secrets encrypted in Postgres, decrypts them on demand, and stays readable through rotation', async () => {
    const id = randomUUID();
    const destinations = new DestinationRepository(schema.dataSource);
    await writer.change({ entity: 'destination', action: 'created', actor: SYSTEM_ACTOR }, async (manager) => {
      const secrets = cipherA.encryptAll({ connectionString: 'Endpoint=sb://hub/;SharedAccessKey=TOPSECRET' }, secretOwner.destination(id));
      await destinations.insert(manager, { id, name: `hub-${id}`, kind: 'eventhubs', settings: { partnerNumber: 33 }, secrets, enabled: true });
      return { result: undefined, entityId: id, changes: {} };
    });
    await waitFor(async () => cache.destination(id) !== undefined, 30_000, 'the new destination');
    expect(cache.destination(id)).toEqual(expect.objectContaining({ kind: 'eventhubs', secretNames: ['connectionString'] }));
    expect(JSON.stringify(cache.destination(id))).not.toContain('TOPSECRET');
    expect(cache.destinationSecrets(id)).toEqual({ connectionString: 'Endpoint=sb://hub/;SharedAccessKey=TOPSECRET' });
    const stored = await schema.dataSource.query(`SELECT secrets::text AS secrets FROM destinations WHERE id = $1`, [id]);
    expect(stored[0].secrets).not.toContain('TOPSECRET');

    const both = new SecretCipher(SecretKeyring.fromSettings({ SECRETS_KEYS: `a:${keyA},b:${keyB}`, SECRETS_ACTIVE_KEY_ID: 'b' }));
    const rotation = new SecretRotation(schema.dataSource, both, writer);
    expect(await rotation.pending()).toEqual({ destinations: 1, webhookSources: 0 });
    expect(await rotation.rotate(SYSTEM_ACTOR)).toEqual({ destinations: 1, webhookSources: 0 });
    expect(await rotation.pending()).toEqual({ destinations: 0, webhookSources: 0 });

    await cache.stop();
    cache = await startCache(new SecretCipher(SecretKeyring.fromSettings({ SECRETS_KEYS: `b:${keyB}` })));
    expect(cache.destinationSecrets(id)).toEqual({ connectionString: 'Endpoint=sb://hub/;SharedAccessKey=TOPSECRET' });
    const audit = await schema.dataSource.query(`SELECT action, changes::text AS changes FROM audit_log WHERE entity_id = $1 ORDER BY id`, [id]);
    expect(audit.map((row: { action: string }) => row.action)).toEqual(['created', 'secrets-rotated']);
    expect(audit.map((row: { changes: string }) => row.changes).join()).not.toContain('TOPSECRET');
  });
});
