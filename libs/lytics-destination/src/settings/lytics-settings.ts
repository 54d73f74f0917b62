import {
  validateDestinationSettings, validateSubscriptionSettings, type LyticsEventHubsDestinationSettings, type SubscriptionProjection,
} from '@activation/configuration';
import type { FieldError } from '@activation/contracts';
import { SEGMENT_EVENTS_FIELD, USER_ID_FIELD } from '../document/lytics-document';

export const LYTICS_KIND = 'lytics-eventhubs';

export const LYTICS_DEFAULTS = {
  timeoutMs: 10_000,
  groupWindowMs: 250,
  /** Rows per call; a call's documents go out in as few Event Hubs batches as fit. */
  batchSize: 500,
};

export interface LyticsDestinationConfig {
  eventHubName?: string;
  timeoutMs: number;
  groupWindowMs: number;
}

export class LyticsSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LyticsSettingsError';
  }
}

/** Destination settings, checked against the kind's shape in the configuration library. */
export function readLyticsDestination(settings: Record<string, unknown>): LyticsDestinationConfig {
  throwIfInvalid(validateDestinationSettings(LYTICS_KIND, settings), 'destination');
  const typed = settings as LyticsEventHubsDestinationSettings;
  return {
    eventHubName: typed.eventHubName,
    timeoutMs: typed.timeoutMs ?? LYTICS_DEFAULTS.timeoutMs,
    groupWindowMs: typed.groupWindowMs ?? LYTICS_DEFAULTS.groupWindowMs,
  };
}

/**
 * Subscription settings: only the Event Hubs channel is delivered here. The projection may not
 * name a field `segment_events` (the audience events) or `user_id` (always the profile id).
 */
export function checkLyticsSubscription(settings: Record<string, unknown>, projection: SubscriptionProjection): void {
  throwIfInvalid(validateSubscriptionSettings(LYTICS_KIND, settings), 'subscription');
  const channel = settings['channel'] ?? 'eventhubs';
  if (channel !== 'eventhubs') throw new LyticsSettingsError(`subscription setting "channel" ${JSON.stringify(channel)} is not delivered to Event Hubs`);
  const names = projection.fields.map((field) => projection.rename?.[field] ?? field);
  for (const reserved of [SEGMENT_EVENTS_FIELD, USER_ID_FIELD]) {
    if (names.includes(reserved)) throw new LyticsSettingsError(`the projection may not send a field named "${reserved}": the document uses it`);
  }
}

function throwIfInvalid(errors: FieldError[], owner: string): void {
  if (errors.length > 0) throw new LyticsSettingsError(`${owner} settings: ${errors.map((error) => `${error.path}: ${error.message}`).join('; ')}`);
}
