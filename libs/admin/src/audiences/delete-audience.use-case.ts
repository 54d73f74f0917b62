import { Injectable } from '@nestjs/common';
import { AudienceRepository, ConfigurationWriter, SubscriptionRepository, auditChanges, type Actor } from '@activation/configuration';
import { ProblemException } from '../problem-details/problem';
import { toAudienceView } from './audience.view';

/** Deletes an audience nothing subscribes to (archive it instead to keep its history visible). */
@Injectable()
export class DeleteAudienceUseCase {
  constructor(
    private readonly writer: ConfigurationWriter,
    private readonly audiences: AudienceRepository,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  async execute(command: { actor: Actor; id: string }): Promise<void> {
    await this.writer.change({ entity: 'audience', action: 'deleted', actor: command.actor }, async (manager) => {
      const existing = await this.audiences.findForUpdate(manager, command.id);
      if (!existing) throw ProblemException.notFound('audience', command.id);
      const subscribed = await this.subscriptions.findByAudience(command.id, manager);
      if (subscribed.length > 0) {
        throw new ProblemException('conflict', `Subscriptions ${subscribed.map((s) => s.id).join(', ')} deliver this audience; delete them first.`);
      }
      await this.audiences.delete(manager, command.id);
      return { result: undefined, entityId: command.id, changes: auditChanges({ ...toAudienceView(existing) }, null) };
    });
  }
}
