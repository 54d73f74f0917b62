import { Injectable } from '@nestjs/common';
import { ConfigurationWriter, DestinationRepository, SubscriptionRepository, auditChanges, type Actor } from '@activation/configuration';
import { ProblemException } from '../problem-details/problem';
import { toDestinationView } from './destination.view';

/** Deletes a destination no subscription uses; its encrypted secrets go with the row. */
@Injectable()
export class DeleteDestinationUseCase {
  constructor(
    private readonly writer: ConfigurationWriter,
    private readonly destinations: DestinationRepository,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  async execute(command: { actor: Actor; id: string }): Promise<void> {
    await this.writer.change({ entity: 'destination', action: 'deleted', actor: command.actor }, async (manager) => {
      const existing = await this.destinations.findForUpdate(manager, command.id);
      if (!existing) throw ProblemException.notFound('destination', command.id);
      const used = await this.subscriptions.countByDestination(command.id, manager);
      if (used > 0) throw new ProblemException('conflict', `${used} subscription(s) deliver to this destination; delete them first.`);
      await this.destinations.delete(manager, command.id);
      return { result: undefined, entityId: command.id, changes: auditChanges({ ...toDestinationView(existing) }, null) };
    });
  }
}
