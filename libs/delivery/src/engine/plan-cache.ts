import type { CallType } from '@activation/contracts';
import { CALL_TYPES } from '@activation/contracts';
import type { DeliveryAdapter, DeliveryPlan } from '../model/delivery-adapter';
import type { RoutingTarget } from '../routing/route-membership';
import type { DeliverySubscription } from '../routing/subscription-directory';

const ALL_CALL_TYPES: ReadonlySet<CallType> = new Set(CALL_TYPES);

/** Plans of subscriptions, kept while the subscription's version is unchanged. */
export class PlanCache {
  private readonly plans = new Map<number, { version: string; plan: DeliveryPlan } | { version: string; error: Error }>();

  constructor(private readonly adapter: DeliveryAdapter) {}

  /** Throws the adapter's error when the settings are unusable. */
  plan(subscription: DeliverySubscription): DeliveryPlan {
    let entry = this.plans.get(subscription.id);
    if (!entry || entry.version !== subscription.version) {
      try {
        entry = { version: subscription.version, plan: this.adapter.plan(subscription) };
      } catch (error) {
        entry = { version: subscription.version, error: error as Error };
      }
      this.plans.set(subscription.id, entry);
    }
    if ('error' in entry) throw entry.error;
    return entry.plan;
  }

  /**
   * The routing view: a subscription whose settings cannot be read still gets every call type
   * queued, so nothing is lost while its configuration is being fixed.
   */
  target(subscription: DeliverySubscription): RoutingTarget {
    try {
      return { subscription, callTypes: this.plan(subscription).callTypes };
    } catch {
      return { subscription, callTypes: ALL_CALL_TYPES };
    }
  }
}
