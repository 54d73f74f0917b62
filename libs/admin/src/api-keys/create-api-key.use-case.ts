import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiKeyRepository, ConfigurationWriter, auditChanges, generateApiKey, type Actor, type ApiKeyRole } from '@activation/configuration';
import { ProblemException } from '../problem-details/problem';
import { toApiKeyView, type CreatedApiKeyView } from './api-key.view';

export interface CreateApiKeyCommand {
  actor: Actor;
  name: string;
  roles: ApiKeyRole[];
  expiresAt?: Date;
}

/** Creates a key and returns it once; only its SHA-256 is stored. */
@Injectable()
export class CreateApiKeyUseCase {
  constructor(
    private readonly writer: ConfigurationWriter,
    private readonly keys: ApiKeyRepository,
  ) {}

  async execute(command: CreateApiKeyCommand): Promise<CreatedApiKeyView> {
    if (command.expiresAt && command.expiresAt.getTime() <= Date.now()) {
      throw ProblemException.invalid([{ path: '$.expiresAt', message: 'must be in the future' }]);
    }
    const material = generateApiKey();
    const id = randomUUID();
    const entity = await this.writer.change({ entity: 'api-key', action: 'created', actor: command.actor }, async (manager) => {
      const saved = await this.keys.insert(manager, {
        id,
        name: command.name,
        prefix: material.prefix,
        keyHash: material.hash,
        roles: command.roles,
        createdBy: command.actor.label,
        expiresAt: command.expiresAt ?? null,
        revokedAt: null,
      });
      const view = toApiKeyView(saved);
      return { result: saved, entityId: id, changes: auditChanges(null, { ...view }) };
    });
    return { ...toApiKeyView(entity), key: material.raw };
  }
}
