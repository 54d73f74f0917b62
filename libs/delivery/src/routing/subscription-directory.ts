import type { SubscriptionProjection } from '@activation/configuration';

/** A destination as delivery sees it; secret values are decrypted only when a sender is built. */
export interface DeliveryDestination {
  id: string;
  name: string;
  kind: string;
  enabled: boolean;
  settings: Record<string, unknown>;
  /** Decrypts the destination's secrets; never log the result. */
  secrets(): Record<string, string>;
  updatedAt: number;
}

export interface DeliverySubscription {
  /** `sync_id` of the function payload. */
  id: number;
  name: string;
  audienceId: string;
  /** The subscription and its destination are both enabled. */
  enabled: boolean;
  initialSync: 'backfill' | 'future-only';
  projection: SubscriptionProjection;
  settings: Record<string, unknown>;
  destination: DeliveryDestination;
  /** Changes whenever the subscription or its destination changes. */
  version: string;
}

/**
 * The subscriptions one emitter delivers (those whose destination kind it handles). The
 * framework reads configuration only through this, so it can be fed from the configuration
 * cache in services and from a fixed list in tests.
 */
export interface SubscriptionDirectory {
  /** Every subscription of the emitter's kinds, enabled or not. */
  all(): DeliverySubscription[];
  byId(id: number): DeliverySubscription | undefined;
  ofAudience(audienceId: string): DeliverySubscription[];
  destination(id: string): DeliveryDestination | undefined;
  /** Called after any subscription or destination changed. */
  onChange(listener: () => void): () => void;
}
