import type { DeliveryDestination, DeliverySubscription, SubscriptionDirectory } from '@activation/delivery';

/** A fixed list of subscriptions, for running the delivery engine without the configuration cache. */
export class StaticDirectory implements SubscriptionDirectory {
  constructor(private readonly subscriptions: readonly DeliverySubscription[]) {}

  all(): DeliverySubscription[] {
    return [...this.subscriptions];
  }

  byId(id: number): DeliverySubscription | undefined {
    return this.subscriptions.find((subscription) => subscription.id === id);
  }

  ofAudience(audienceId: string): DeliverySubscription[] {
    return this.subscriptions.filter((subscription) => subscription.audienceId === audienceId);
  }

  destination(id: string): DeliveryDestination | undefined {
    return this.subscriptions.find((subscription) => subscription.destination.id === id)?.destination;
  }

  onChange(): () => void {
    return () => undefined;
  }
}
