import type { ConfigurationCache, DestinationConfig, SubscriptionConfig } from '@activation/configuration';
import type { DeliveryDestination, DeliverySubscription, SubscriptionDirectory } from './subscription-directory';

/** The directory over the configuration cache, limited to the destination kinds of one emitter. */
export class ConfigurationDirectory implements SubscriptionDirectory {
  constructor(
    private readonly cache: ConfigurationCache,
    private readonly kinds: readonly string[],
  ) {}

  all(): DeliverySubscription[] {
    return this.cache.allSubscriptions().flatMap((subscription) => this.view(subscription) ?? []);
  }

  byId(id: number): DeliverySubscription | undefined {
    const subscription = this.cache.subscriptionById(id);
    return subscription ? this.view(subscription) : undefined;
  }

  ofAudience(audienceId: string): DeliverySubscription[] {
    return this.cache.subscriptionsOfAudience(audienceId).flatMap((subscription) => this.view(subscription) ?? []);
  }

  destination(id: string): DeliveryDestination | undefined {
    const destination = this.cache.destination(id);
    return destination && this.kinds.includes(destination.kind) ? this.destinationView(destination) : undefined;
  }

  onChange(listener: () => void): () => void {
    return this.cache.onConfigurationChange((change) => {
      if (change.entity === 'subscription' || change.entity === 'destination') listener();
    });
  }

  private view(subscription: SubscriptionConfig): DeliverySubscription | undefined {
    const destination = this.cache.destination(subscription.destinationId);
    if (!destination || !this.kinds.includes(destination.kind)) return undefined;
    return {
      id: subscription.id,
      name: subscription.name,
      audienceId: subscription.audienceId,
      enabled: subscription.enabled && destination.enabled,
      initialSync: subscription.initialSync,
      projection: subscription.projection,
      settings: subscription.settings,
      destination: this.destinationView(destination),
      version: `${subscription.updatedAt}:${destination.updatedAt}`,
    };
  }

  private destinationView(destination: DestinationConfig): DeliveryDestination {
    return {
      id: destination.id,
      name: destination.name,
      kind: destination.kind,
      enabled: destination.enabled,
      settings: destination.settings,
      secrets: () => this.cache.destinationSecrets(destination.id),
      updatedAt: destination.updatedAt,
    };
  }
}
