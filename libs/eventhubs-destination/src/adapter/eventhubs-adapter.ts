import type {
  CallSender, DeliveryAdapter, DeliveryDestination, DeliveryLimits, DeliveryPlan, DeliverySubscription, DestinationTestResult,
} from '@activation/delivery';
import type { RetryOptions } from '@azure/event-hubs';
import { CALL_TYPES } from '@activation/contracts';
import { readConnectionString } from '../client/connection-string';
import { EventHubsPublisher } from '../client/eventhubs-publisher';
import type { EventHubsMetrics } from '../metrics/eventhubs-metrics';
import type { PartnerIdMemory } from '../partner-ids/partner-id-memory';
import {
  effectivePartnerNumber, EVENTHUBS_DEFAULTS, EVENTHUBS_SECRETS, readEventHubsDestination, readEventHubsSubscription,
} from '../settings/eventhubs-settings';
import { EventHubsSender } from './eventhubs-sender';
import { testEventHubsConnection } from './test-eventhubs-connection';

export interface EventHubsAdapterOptions {
  /** The platform instance's `siteNumber` (one per platform, sent in every message). */
  siteNumber: number;
  metrics?: EventHubsMetrics;
  /** The SDK's own retries (few: the framework retries rejected calls). */
  retry?: RetryOptions;
  /** Partner ids last sent per profile (for REMOVED rows whose event has none any more). */
  partnerIds?: PartnerIdMemory;
}

/** The `eventhubs` destination kind (seed 002) for the delivery framework. */
export class EventHubsDestinationAdapter implements DeliveryAdapter {
  readonly kinds = ['eventhubs'] as const;

  constructor(private readonly options: EventHubsAdapterOptions) {}

  /** Set when the database is at hand (in a Nest service, after the adapter was built). */
  usePartnerIdMemory(memory: PartnerIdMemory): void {
    this.options.partnerIds = memory;
  }

  /** Also checks the connection string, so an unusable one shows as a failing subscription. */
  plan(subscription: DeliverySubscription): DeliveryPlan {
    const destination = readEventHubsDestination(subscription.destination.settings);
    const settings = readEventHubsSubscription(subscription.settings);
    readConnectionString(subscription.destination.secrets()[EVENTHUBS_SECRETS.connectionString], destination.eventHubName);
    return {
      batchSize: settings.batchSize,
      callTypes: new Set(CALL_TYPES),
      limits: {},
      retry: EVENTHUBS_DEFAULTS.retry,
      callTimeoutMs: destination.timeoutMs,
    };
  }

  destinationLimits(_destination: DeliveryDestination): DeliveryLimits {
    return {};
  }

  createSender(subscription: DeliverySubscription, plan: DeliveryPlan): CallSender {
    const destination = readEventHubsDestination(subscription.destination.settings);
    const settings = readEventHubsSubscription(subscription.settings);
    return new EventHubsSender({
      publisher: this.publisher(subscription.destination, destination.eventHubName),
      context: {
        partnerNumber: effectivePartnerNumber(destination, settings),
        siteNumber: this.options.siteNumber,
        sourceName: settings.sourceName,
        data: settings.data,
      },
      timeoutMs: plan.callTimeoutMs,
      metrics: this.options.metrics,
      memory: this.options.partnerIds,
    });
  }

  /** Connects with the destination's connection string and reads the hub's properties; nothing is sent. */
  testDestination(destination: DeliveryDestination): Promise<DestinationTestResult> {
    return testEventHubsDestination(destination, this.options.retry);
  }

  private publisher(destination: DeliveryDestination, eventHubName: string | undefined): EventHubsPublisher {
    return publisherOf(destination, eventHubName, this.options.retry);
  }
}

/** The "test destination" action: connect, read the hub's properties, report; nothing is sent. */
export async function testEventHubsDestination(destination: DeliveryDestination, retry?: RetryOptions): Promise<DestinationTestResult> {
  let config;
  try {
    config = readEventHubsDestination(destination.settings);
  } catch (error) {
    return { ok: false, latencyMs: 0, errorClass: 'configuration', message: (error as Error).message };
  }
  return testEventHubsConnection(destination.secrets()[EVENTHUBS_SECRETS.connectionString], { eventHubName: config.eventHubName, timeoutMs: config.timeoutMs, retry });
}

function publisherOf(destination: DeliveryDestination, eventHubName: string | undefined, retry?: RetryOptions): EventHubsPublisher {
  // The constructor checks the connection string (EventHubsConfigurationError when unusable).
  return new EventHubsPublisher(destination.secrets()[EVENTHUBS_SECRETS.connectionString], { eventHubName, retry });
}
