import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ConfigurationWriter, SecretCipher, WebhookSourceRepository, auditChanges, mergeSecrets, secretOwner,
  type Actor, type WebhookFieldMapping, type WebhookSignature,
} from '@activation/configuration';
import { assertNoFieldErrors } from '../problem-details/problem';
import { checkWebhookSource } from './check-webhook-source';
import { toWebhookSourceView, type WebhookSourceView } from './webhook-source.view';

export interface CreateWebhookSourceCommand {
  actor: Actor;
  name: string;
  slug: string;
  mapping: unknown;
  signature?: WebhookSignature | null;
  secrets?: Record<string, string | null>;
  enabled?: boolean;
}

@Injectable()
export class CreateWebhookSourceUseCase {
  constructor(
    private readonly writer: ConfigurationWriter,
    private readonly sources: WebhookSourceRepository,
    private readonly cipher: SecretCipher,
  ) {}

  async execute(command: CreateWebhookSourceCommand): Promise<WebhookSourceView> {
    const signature = command.signature ? { header: command.signature.header } : null;
    assertNoFieldErrors(checkWebhookSource(command.mapping, signature, command.secrets, []));
    const id = randomUUID();
    const secrets = mergeSecrets(this.cipher, {}, command.secrets, secretOwner.source(id));
    const mapping = command.mapping as WebhookFieldMapping;
    return this.writer.change({ entity: 'source', action: 'created', actor: command.actor }, async (manager) => {
      const saved = await this.sources.insert(manager, {
        id,
        name: command.name,
        slug: command.slug,
        mapping: { profileId: mapping.profileId, attributes: mapping.attributes ?? {}, identifiers: mapping.identifiers ?? {} },
        signature,
        secrets,
        enabled: command.enabled ?? true,
      });
      const view = toWebhookSourceView(saved);
      return { result: view, entityId: id, changes: auditChanges(null, { ...view }, Object.keys(secrets)) };
    });
  }
}
