import type {
  CallSender, DeliveryAdapter, DeliveryLimits, DeliveryPlan, DestinationTestResult,
} from './delivery-adapter';
import type { DeliveryDestination, DeliverySubscription } from '../routing/subscription-directory';

/**
 * Several adapters behind the one adapter a delivery module takes (an emitter serving several
 * destination kinds): every call goes to the adapter of the destination's kind.
 */
export class CompositeDeliveryAdapter implements DeliveryAdapter {
  readonly kinds: readonly string[];
  private readonly byKind = new Map<string, DeliveryAdapter>();

  constructor(adapters: readonly DeliveryAdapter[]) {
    for (const adapter of adapters) {
      for (const kind of adapter.kinds) {
        if (this.byKind.has(kind)) throw new Error(`two adapters handle the destination kind ${kind}`);
        this.byKind.set(kind, adapter);
      }
    }
    this.kinds = [...this.byKind.keys()];
  }

  plan(subscription: DeliverySubscription): DeliveryPlan {
    return this.adapterOf(subscription.destination).plan(subscription);
  }

  destinationLimits(destination: DeliveryDestination): DeliveryLimits {
    return this.adapterOf(destination).destinationLimits(destination);
  }

  createSender(subscription: DeliverySubscription, plan: DeliveryPlan): CallSender {
    return this.adapterOf(subscription.destination).createSender(subscription, plan);
  }

  async testDestination(destination: DeliveryDestination, subscription?: DeliverySubscription): Promise<DestinationTestResult> {
    const adapter = this.adapterOf(destination);
    if (!adapter.testDestination) {
      return { ok: false, latencyMs: 0, errorClass: 'configuration', message: `destinations of kind ${destination.kind} cannot be tested` };
    }
    return adapter.testDestination(destination, subscription);
  }

  private adapterOf(destination: DeliveryDestination): DeliveryAdapter {
    const adapter = this.byKind.get(destination.kind);
    if (!adapter) throw new Error(`no adapter handles the destination kind ${destination.kind}`);
    return adapter;
  }
}
