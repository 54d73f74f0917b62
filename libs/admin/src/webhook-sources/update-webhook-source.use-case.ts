import { Injectable } from '@nestjs/common';
import {
  ConfigurationWriter, SecretCipher, WebhookSourceRepository, auditChanges, mergeSecrets, secretOwner,
  type Actor, type WebhookFieldMapping, type WebhookSignature,
} from '@activation/configuration';
import { assertNoFieldErrors, ProblemException } from '../problem-details/problem';
import { checkWebhookSource } from './check-webhook-source';
import { toWebhookSourceView, type WebhookSourceView } from './webhook-source.view';

export interface UpdateWebhookSourceCommand {
  actor: Actor;
  id: string;
  name?: string;
  mapping?: unknown;
  signature?: WebhookSignature | null;
  secrets?: Record<string, string | null>;
  enabled?: boolean;
}

@Injectable()
export class UpdateWebhookSourceUseCase {
  constructor(
    private readonly writer: ConfigurationWriter,
    private readonly sources: WebhookSourceRepository,
    private readonly cipher: SecretCipher,
  ) {}

  async execute(command: UpdateWebhookSourceCommand): Promise<WebhookSourceView> {
    return this.writer.change({ entity: 'source', action: 'updated', actor: command.actor }, async (manager) => {
      const existing = await this.sources.findForUpdate(manager, command.id);
      if (!existing) throw ProblemException.notFound('webhook source', command.id);
      const signature = command.signature === undefined ? existing.signature : command.signature && { header: command.signature.header };
      const given = (command.mapping ?? existing.mapping) as WebhookFieldMapping;
      assertNoFieldErrors(checkWebhookSource(given, signature, command.secrets, Object.keys(existing.secrets)));
      const saved = await this.sources.update(manager, command.id, {
        name: command.name ?? existing.name,
        mapping: { profileId: given.profileId, attributes: given.attributes ?? {}, identifiers: given.identifiers ?? {} },
        signature,
        secrets: mergeSecrets(this.cipher, existing.secrets, command.secrets, secretOwner.source(command.id)),
        enabled: command.enabled ?? existing.enabled,
      });
      const view = toWebhookSourceView(saved);
      return {
        result: view,
        entityId: command.id,
        changes: auditChanges({ ...toWebhookSourceView(existing) }, { ...view }, Object.keys(command.secrets ?? {})),
      };
    });
  }
}
