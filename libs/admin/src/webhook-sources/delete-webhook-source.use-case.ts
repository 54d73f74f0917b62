import { Injectable } from '@nestjs/common';
import { ConfigurationWriter, WebhookSourceRepository, auditChanges, type Actor } from '@activation/configuration';
import { ProblemException } from '../problem-details/problem';
import { toWebhookSourceView } from './webhook-source.view';

@Injectable()
export class DeleteWebhookSourceUseCase {
  constructor(
    private readonly writer: ConfigurationWriter,
    private readonly sources: WebhookSourceRepository,
  ) {}

  async execute(command: { actor: Actor; id: string }): Promise<void> {
    await this.writer.change({ entity: 'source', action: 'deleted', actor: command.actor }, async (manager) => {
      const existing = await this.sources.findForUpdate(manager, command.id);
      if (!existing) throw ProblemException.notFound('webhook source', command.id);
      await this.sources.delete(manager, command.id);
      return { result: undefined, entityId: command.id, changes: auditChanges({ ...toWebhookSourceView(existing) }, null) };
    });
  }
}
