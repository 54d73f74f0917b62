import { Injectable } from '@nestjs/common';
import type { FieldError } from '@activation/contracts';
import {
  AudienceRepository, ConfigurationWriter, DestinationRepository, SubscriptionRepository, auditChanges,
  type Actor, type InitialSyncMode,
} from '@activation/configuration';
import { assertNoFieldErrors, ProblemException } from '../problem-details/problem';
import { checkSubscription } from './check-subscription';
import { toSubscriptionView, type SubscriptionView } from './subscription.view';

export interface CreateSubscriptionCommand {
  actor: Actor;
  name: string;
  audienceId: string;
  destinationId: string;
  settings?: Record<string, unknown>;
  projection?: unknown;
  initialSync?: InitialSyncMode;
  enabled?: boolean;
}

/** Connects an audience to a destination; the new integer id is the function payload's sync_id. */
@Injectable()
export class CreateSubscriptionUseCase {
  constructor(
    private readonly writer: ConfigurationWriter,
    private readonly audiences: AudienceRepository,
    private readonly destinations: DestinationRepository,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  async execute(command: CreateSubscriptionCommand): Promise<SubscriptionView> {
    return this.writer.change({ entity: 'subscription', action: 'created', actor: command.actor }, async (manager) => {
      // Locked so a concurrent audience change cannot drop a variable this projection uses.
      const audience = await this.audiences.findForUpdate(manager, command.audienceId);
      const destination = await this.destinations.findById(command.destinationId, manager);
      if (!audience || !destination) {
        const missing: FieldError[] = [
          ...(audience ? [] : [{ path: '$.audienceId', message: 'no audience has this id' }]),
          ...(destination ? [] : [{ path: '$.destinationId', message: 'no destination has this id' }]),
        ];
        throw ProblemException.invalid(missing);
      }
      const checked = checkSubscription(audience, destination, command.settings, command.projection);
      assertNoFieldErrors(checked.errors);
      const saved = await this.subscriptions.insert(manager, {
        name: command.name,
        audienceId: command.audienceId,
        destinationId: command.destinationId,
        settings: command.settings ?? {},
        projection: checked.projection,
        initialSync: command.initialSync ?? 'backfill',
        enabled: command.enabled ?? true,
      });
      const view = toSubscriptionView(saved);
      return { result: view, entityId: String(saved.id), changes: auditChanges(null, { ...view }) };
    });
  }
}
