import { Injectable } from '@nestjs/common';
import { ApiKeyRepository, ConfigurationCache, ConfigurationWriter, auditChanges, type Actor } from '@activation/configuration';
import { ProblemException } from '../problem-details/problem';
import { toApiKeyView, type ApiKeyView } from './api-key.view';

/** Revokes a key at once in this process and, through config-changes, in every service. Revoking twice is harmless. */
@Injectable()
export class RevokeApiKeyUseCase {
  constructor(
    private readonly writer: ConfigurationWriter,
    private readonly keys: ApiKeyRepository,
    private readonly cache: ConfigurationCache,
  ) {}

  async execute(command: { actor: Actor; id: string }): Promise<ApiKeyView> {
    const existing = await this.keys.findById(command.id);
    if (!existing) throw ProblemException.notFound('API key', command.id);
    if (existing.revokedAt) return toApiKeyView(existing);
    const revoked = await this.writer.change({ entity: 'api-key', action: 'updated', actor: command.actor }, async (manager) => {
      const revokedKey = await this.keys.revoke(manager, command.id, new Date());
      if (!revokedKey) throw ProblemException.notFound('API key', command.id);
      const view = toApiKeyView(revokedKey);
      return { result: view, entityId: command.id, auditAction: 'revoked', changes: auditChanges({ ...toApiKeyView(existing) }, { ...view }) };
    });
    // This process stops accepting the key now, not when its own change message arrives.
    await this.cache.reload('api-key', command.id);
    return revoked;
  }
}
