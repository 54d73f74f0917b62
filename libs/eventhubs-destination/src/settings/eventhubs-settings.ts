import type { DeliveryLimits, RetrySettings } from '@activation/delivery';

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

/** Destination settings: `partnerNumber` (mandatory, not 42), optional `eventHubName` and `timeoutMs`. */
export function readEventHubsDestination(settings: Record<string, unknown>): EventHubsDestinationConfig {
  const partnerNumber = readPartnerNumber(settings['partnerNumber'], 'destination');
  if (partnerNumber === undefined) throw new EventHubsSettingsError('destination setting "partnerNumber" is required');
  const eventHubName = settings['eventHubName'];
  if (eventHubName !== undefined && eventHubName !== null && (typeof eventHubName !== 'string' || eventHubName.length === 0 || eventHubName.length > 256)) {
    throw new EventHubsSettingsError('destination setting "eventHubName" must be a name of 1 to 256 characters');
  }
  return {
    partnerNumber,
    eventHubName: typeof eventHubName === 'string' ? eventHubName : undefined,
    timeoutMs: integer(settings, 'timeoutMs', 100, 300_000) ?? EVENTHUBS_DEFAULTS.timeoutMs,
    limits: {},
  };
}

/** Subscription settings: optional `sourceName`, `data` (string values), `partnerNumber` (not 42), `batchSize`. */
export function readEventHubsSubscription(settings: Record<string, unknown>): EventHubsSubscriptionConfig {
  const sourceName = settings['sourceName'] ?? '';
  if (typeof sourceName !== 'string' || sourceName.length > 256) throw new EventHubsSettingsError('subscription setting "sourceName" must be text of up to 256 characters');
  const data = settings['data'] ?? {};
  if (typeof data !== 'object' || data === null || Array.isArray(data) || Object.values(data).some((value) => typeof value !== 'string')) {
    throw new EventHubsSettingsError('subscription setting "data" must be an object of string values');
  }
  return {
    partnerNumber: readPartnerNumber(settings['partnerNumber'], 'subscription'),
    sourceName,
    data: { ...(data as Record<string, string>) },
    batchSize: integer(settings, 'batchSize', 1, 1000) ?? EVENTHUBS_DEFAULTS.batchSize,
  };
}

/** The partner number a subscription sends: its own, else its destination's. */
export function effectivePartnerNumber(destination: EventHubsDestinationConfig, subscription: EventHubsSubscriptionConfig): number {
  return subscription.partnerNumber ?? destination.partnerNumber;
}

function readPartnerNumber(value: unknown, level: 'destination' | 'subscription'): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new EventHubsSettingsError(`${level} setting "partnerNumber" must be a positive integer`);
  if (value === RESERVED_PARTNER_NUMBER) throw new EventHubsSettingsError(`${level} setting "partnerNumber" must not be 42: it is reserved for the platform's own profile id`);
  return value;
}

function integer(settings: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const value = settings[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new EventHubsSettingsError(`setting "${name}" must be an integer from ${min} to ${max}`);
  }
  return value;
}
