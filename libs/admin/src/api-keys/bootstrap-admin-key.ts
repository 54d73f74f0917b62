import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ApiKeyRepository, ConfigurationWriter, SYSTEM_ACTOR, apiKeyPrefix, hashApiKey } from '@activation/configuration';

/**
 * First start: stores ADMIN_BOOTSTRAP_KEY (hashed) as an admin key when no usable admin key
 * exists, so the first real keys can be created through the API. Replicas starting together
 * race harmlessly: the hash is unique, the loser's insert is ignored.
 */
export class BootstrapAdminKey {
  constructor(
    private readonly writer: ConfigurationWriter,
    private readonly keys: ApiKeyRepository,
    private readonly logger: Logger,
  ) {}

  async ensure(rawKey: string | undefined): Promise<'created' | 'skipped'> {
    if (!rawKey || (await this.keys.hasUsableAdminKey())) return 'skipped';
    const id = randomUUID();
    try {
      await this.writer.change({ entity: 'api-key', action: 'created', actor: SYSTEM_ACTOR }, async (manager) => {
        await this.keys.insert(manager, {
          id,
          name: 'bootstrap',
          prefix: apiKeyPrefix(rawKey, 'bootstrap'),
          keyHash: hashApiKey(rawKey),
          roles: ['admin'],
          createdBy: SYSTEM_ACTOR.label,
          expiresAt: null,
          revokedAt: null,
        });
        return { result: undefined, entityId: id, changes: { after: { name: 'bootstrap', roles: ['admin'] } } };
      });
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') return 'skipped';
      throw error;
    }
    this.logger.warn({ keyId: id }, 'stored ADMIN_BOOTSTRAP_KEY as an admin key; create named keys and revoke it');
    return 'created';
  }
}
