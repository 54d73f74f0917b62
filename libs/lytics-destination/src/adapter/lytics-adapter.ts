import type {
  CallSender, DeliveryAdapter, DeliveryDestination, DeliveryLimits, DeliveryPlan, DeliverySubscription, DestinationTestResult,
} from '@activation/delivery';
import {
  EVENTHUBS_SECRETS, EventHubsPublisher, testEventHubsConnection, type EventHubsPublisherOptions,
} from '@activation/eventhubs-destination';
import { checkLyticsSubscription, LYTICS_DEFAULTS, LYTICS_KIND, readLyticsDestination } from '../settings/lytics-settings';
import { DocumentChannel } from './document-channel';
import { LyticsSender } from './lytics-sender';

/** The secret holding the Event Hubs connection string (the same name as the eventhubs kind's). */
export const LYTICS_CONNECTION_SECRET = EVENTHUBS_SECRETS.connectionString;

export interface LyticsAdapterOptions {
  /** Passed to every publisher (e.g. the SDK's retries). */
  publisher?: Omit<EventHubsPublisherOptions, 'eventHubName'>;
}

/**
 * The `lytics-eventhubs` destination kind (seed 004, "Export Audiences (Event Hub)") for the
 * delivery framework: enters (NEW, also snapshot rows of current members) and exits (REMOVED)
 * become Lytics-style documents sent to Event Hubs. The subscriptions of one destination share
 * one channel, so one evaluation's enters and exits across their audiences share a document.
 */
export class LyticsDestinationAdapter implements DeliveryAdapter {
  readonly kinds = [LYTICS_KIND] as const;
  private readonly channels = new Map<string, { channel: DocumentChannel; senders: number }>();

  constructor(private readonly options: LyticsAdapterOptions = {}) {}

  plan(subscription: DeliverySubscription): DeliveryPlan {
    const destination = readLyticsDestination(subscription.destination.settings);
    checkLyticsSubscription(subscription.settings, subscription.projection);
    return {
      batchSize: LYTICS_DEFAULTS.batchSize,
      callTypes: new Set(['NEW', 'REMOVED']),
      limits: {},
      retry: { mode: 'immediate', attempts: 3 },
      // A call may wait for the send in flight and the gathering window before its own send.
      callTimeoutMs: 2 * destination.timeoutMs + destination.groupWindowMs,
    };
  }

  destinationLimits(): DeliveryLimits {
    return {};
  }

  createSender(subscription: DeliverySubscription): CallSender {
    const key = `${subscription.destination.id}@${subscription.destination.updatedAt}`;
    let entry = this.channels.get(key);
    if (!entry) {
      entry = { channel: this.openChannel(subscription.destination), senders: 0 };
      this.channels.set(key, entry);
    }
    entry.senders += 1;
    const opened = entry;
    let released = false;
    return new LyticsSender(opened.channel, async () => {
      if (released) return;
      released = true;
      opened.senders -= 1;
      if (opened.senders > 0) return;
      if (this.channels.get(key) === opened) this.channels.delete(key);
      await opened.channel.close();
    });
  }

  /** Reads the hub's properties: the connection string, the key and the hub are checked, nothing is sent. */
  async testDestination(destination: DeliveryDestination): Promise<DestinationTestResult> {
    let config;
    try {
      config = readLyticsDestination(destination.settings);
    } catch (error) {
      return { ok: false, latencyMs: 0, errorClass: 'configuration', message: (error as Error).message };
    }
    return testEventHubsConnection(destination.secrets()[LYTICS_CONNECTION_SECRET], {
      eventHubName: config.eventHubName, timeoutMs: config.timeoutMs, retry: this.options.publisher?.retry,
    });
  }

  private openChannel(destination: DeliveryDestination): DocumentChannel {
    const config = readLyticsDestination(destination.settings);
    return new DocumentChannel(this.publisher(destination, config.eventHubName), {
      subscriptionId: destination.id,
      groupWindowMs: config.groupWindowMs,
      timeoutMs: config.timeoutMs,
    });
  }

  private publisher(destination: DeliveryDestination, eventHubName: string | undefined): EventHubsPublisher {
    return new EventHubsPublisher(destination.secrets()[LYTICS_CONNECTION_SECRET], { ...this.options.publisher, eventHubName });
  }
}
