import { Injectable } from '@nestjs/common';
import {
  AudienceRepository, ConfigurationWriter, DestinationRepository, SubscriptionRepository, auditChanges,
  type Actor, type InitialSyncMode,
} from '@activation/configuration';
import { assertNoFieldErrors, ProblemException } from '../problem-details/problem';
import { checkSubscription } from './check-subscription';
import { toSubscriptionView, type SubscriptionView } from './subscription.view';

export interface UpdateSubscriptionCommand {
  actor: Actor;
  id: number;
  name?: string;
  settings?: Record<string, unknown>;
  projection?: unknown;
  initialSync?: InitialSyncMode;
  enabled?: boolean;
}

/** Changes a subscription; its audience and destination stay (create another subscription instead). */
@Injectable()
export class UpdateSubscriptionUseCase {
  constructor(
    private readonly writer: ConfigurationWriter,
    private readonly audiences: AudienceRepository,
    private readonly destinations: DestinationRepository,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  async execute(command: UpdateSubscriptionCommand): Promise<SubscriptionView> {
    return this.writer.change({ entity: 'subscription', action: 'updated', actor: command.actor }, async (manager) => {
      const existing = await this.subscriptions.findForUpdate(manager, command.id);
      if (!existing) throw ProblemException.notFound('subscription', command.id);
      const audience = await this.audiences.findForUpdate(manager, existing.audienceId);
      const destination = await this.destinations.findById(existing.destinationId, manager);
      const settings = command.settings ?? existing.settings;
      // Foreign keys keep both; a missing one means the row changed under us.
      if (!audience || !destination) throw new ProblemException('conflict', 'The audience or destination of this subscription no longer exists.');
      const checked = checkSubscription(audience, destination, settings, command.projection ?? existing.projection);
      assertNoFieldErrors(checked.errors);
      const saved = await this.subscriptions.update(manager, command.id, {
        name: command.name ?? existing.name,
        settings,
        projection: checked.projection,
        initialSync: command.initialSync ?? existing.initialSync,
        enabled: command.enabled ?? existing.enabled,
      });
      const view = toSubscriptionView(saved);
      return { result: view, entityId: String(command.id), changes: auditChanges({ ...toSubscriptionView(existing) }, { ...view }) };
    });
  }
}
