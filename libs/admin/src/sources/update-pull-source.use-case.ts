import { Injectable } from '@nestjs/common';
import { ConfigurationWriter, SecretCipher, auditChanges, mergeSecrets, type Actor } from '@activation/configuration';
import { PullSourceRepository, pullSourceSecretOwner, type SourceMapping } from '@activation/sources';
import { ProblemException, assertNoFieldErrors } from '../problem-details/problem';
import { checkPullSource } from './check-pull-source';
import type { UpdatePullSourceDto } from './pull-source.dto';
import { toPullSourceView, type PullSourceView } from './pull-source.view';

@Injectable()
export class UpdatePullSourceUseCase {
  constructor(
    private readonly writer: ConfigurationWriter,
    private readonly sources: PullSourceRepository,
    private readonly cipher: SecretCipher,
  ) {}

  async execute(command: UpdatePullSourceDto & { actor: Actor; id: string }): Promise<PullSourceView> {
    return this.writer.change({ entity: 'source', action: 'updated', actor: command.actor }, async (manager) => {
      const existing = await this.sources.findById(command.id, manager, true);
      if (!existing) throw ProblemException.notFound('pull source', command.id);
      assertNoFieldErrors(checkPullSource(existing.kind, command.settings ?? existing.settings, command.mapping ?? existing.mapping, command.secrets, false));
      const secrets = command.secrets === undefined ? undefined : mergeSecrets(this.cipher, existing.secrets, command.secrets, pullSourceSecretOwner(existing.id));
      const saved = await this.sources.update(manager, existing.id, {
        name: command.name, settings: command.settings, mapping: command.mapping as unknown as SourceMapping | undefined,
        secrets, intervalSeconds: command.intervalSeconds, enabled: command.enabled,
      });
      const before = { ...toPullSourceView(existing), state: undefined };
      const after = { ...toPullSourceView(saved), state: undefined };
      return { result: toPullSourceView(saved), entityId: saved.id, changes: auditChanges(before, after, Object.keys(command.secrets ?? {})) };
    });
  }
}
