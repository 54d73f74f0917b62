import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigurationWriter, SecretCipher, auditChanges, mergeSecrets, type Actor } from '@activation/configuration';
import { PullSourceRepository, pullSourceSecretOwner, type SourceMapping } from '@activation/sources';
import { assertNoFieldErrors } from '../problem-details/problem';
import { checkPullSource } from './check-pull-source';
import type { CreatePullSourceDto } from './pull-source.dto';
import { toPullSourceView, type PullSourceView } from './pull-source.view';

@Injectable()
export class CreatePullSourceUseCase {
  constructor(
    private readonly writer: ConfigurationWriter,
    private readonly sources: PullSourceRepository,
    private readonly cipher: SecretCipher,
  ) {}

  async execute(command: CreatePullSourceDto & { actor: Actor }): Promise<PullSourceView> {
    assertNoFieldErrors(checkPullSource(command.kind, command.settings, command.mapping, command.secrets, true));
    const id = randomUUID();
    const secrets = mergeSecrets(this.cipher, {}, command.secrets, pullSourceSecretOwner(id));
    return this.writer.change({ entity: 'source', action: 'created', actor: command.actor }, async (manager) => {
      const saved = await this.sources.insert(manager, {
        id, name: command.name, kind: command.kind, settings: command.settings, mapping: command.mapping as unknown as SourceMapping,
        secrets, intervalSeconds: command.intervalSeconds, enabled: command.enabled ?? true,
      });
      const view = toPullSourceView(saved);
      return { result: view, entityId: id, changes: auditChanges(null, { ...view, state: undefined }, Object.keys(secrets)) };
    });
  }
}
