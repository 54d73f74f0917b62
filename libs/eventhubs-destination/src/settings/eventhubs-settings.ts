import {
  validateDestinationSettings, validateSubscriptionSettings, type EventHubsDestinationSettings, type EventHubsSubscriptionSettings,
} from '@activation/configuration';
import type { FieldError } from '@activation/contracts';
import type { DeliveryLimits, RetrySettings } from '@activation/delivery';

export const EVENTHUBS_KIND = 'eventhubs';

/** Partner number 42 is the platform's own profile id (seed 002): never a destination's partner. */
export const RESERVED_PARTNER_NUMBER = 42;

/** Secret name of an Event Hubs destination. */
export const EVENTHUBS_SECRETS = { connectionString: 'connectionString' } as const;

export const EVENTHUBS_DEFAULTS = {
  timeoutMs: 10_000,
  batchSize: 100,
  // Outages of a namespace are usually short: enough immediate retries to ride one out before rows are deferred.
  retry: { mode: 'immediate', attempts: 10 } as RetrySettings,
};

export interface EventHubsDestinationConfig {
  partnerNumber: number;
  eventHubName?: string;
  timeoutMs: number;
  limits: DeliveryLimits;
}

/** Seed 002's audience-level fields, and how many profiles one call carries. */
export interface EventHubsSubscriptionConfig {
  /** The subscription's own partner number, when it overrides the destination's. */
  partnerNumber?: number;
  sourceName: string;
  data: Record<string, string>;
  batchSize: number;
}

export class EventHubsSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventHubsSettingsError';
  }
}

/** Destination settings, checked against the kind's shape in the configuration library (partner number mandatory, not 42). */
export function readEventHubsDestination(settings: Record<string, unknown>): EventHubsDestinationConfig {
  throwIfInvalid(validateDestinationSettings(EVENTHUBS_KIND, settings), 'destination');
  const typed = settings as unknown as EventHubsDestinationSettings;
  return {
    partnerNumber: typed.partnerNumber,
    eventHubName: typed.eventHubName ?? undefined,
    timeoutMs: typed.timeoutMs ?? EVENTHUBS_DEFAULTS.timeoutMs,
    limits: {},
  };
}

/** Subscription settings (`sourceName`, `data`, `partnerNumber`, `batchSize`), checked against the kind's shape. */
export function readEventHubsSubscription(settings: Record<string, unknown>): EventHubsSubscriptionConfig {
  throwIfInvalid(validateSubscriptionSettings(EVENTHUBS_KIND, settings), 'subscription');
  const typed = settings as EventHubsSubscriptionSettings;
  return {
    partnerNumber: typed.partnerNumber ?? undefined,
    sourceName: typed.sourceName ?? '',
    data: { ...(typed.data ?? {}) },
    batchSize: typed.batchSize ?? EVENTHUBS_DEFAULTS.batchSize,
  };
}

/** The partner number a subscription sends: its own, else its destination's. */
export function effectivePartnerNumber(destination: EventHubsDestinationConfig, subscription: EventHubsSubscriptionConfig): number {
  return subscription.partnerNumber ?? destination.partnerNumber;
}

function throwIfInvalid(errors: FieldError[], owner: string): void {
  if (errors.length > 0) throw new EventHubsSettingsError(`${owner} settings: ${errors.map((error) => `${error.path}: ${error.message}`).join('; ')}`);
}
