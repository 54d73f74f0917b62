import { Injectable } from '@nestjs/common';
import { ConfigurationWriter, SubscriptionRepository, auditChanges, type Actor } from '@activation/configuration';
import { ProblemException } from '../problem-details/problem';
import { toSubscriptionView } from './subscription.view';

@Injectable()
export class DeleteSubscriptionUseCase {
  constructor(
    private readonly writer: ConfigurationWriter,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  async execute(command: { actor: Actor; id: number }): Promise<void> {
    await this.writer.change({ entity: 'subscription', action: 'deleted', actor: command.actor }, async (manager) => {
      const existing = await this.subscriptions.findForUpdate(manager, command.id);
      if (!existing) throw ProblemException.notFound('subscription', command.id);
      await this.subscriptions.delete(manager, command.id);
      return { result: undefined, entityId: String(command.id), changes: auditChanges({ ...toSubscriptionView(existing) }, null) };
    });
  }
}
