import { EventHubProducerClient, type EventData, type EventDataBatch, type RetryOptions } from '@azure/event-hubs';
import { readConnectionString, type EventHubsTarget } from './connection-string';
import { EventHubsConfigurationError } from './eventhubs-configuration-error';

/** One event to publish; events of one partition key keep their order. */
export interface OutgoingEvent {
  body: unknown;
  partitionKey: string;
  properties?: Record<string, string | number | boolean>;
}

export interface SendOptions {
  /** Deadline of the whole send (every batch); on expiry the send rejects with an `AbortError`. */
  timeoutMs: number;
  /**
   * When given, an event too large for an empty batch is handed to it and left out (the rest of
   * its key is still sent, in order); without it such an event fails the send with `EventTooLargeError`.
   */
  onTooLarge?: (event: OutgoingEvent, error: EventTooLargeError) => void;
}

export interface HubProperties {
  name: string;
  createdOn: Date;
  partitionIds: string[];
}

export interface EventHubsPublisherOptions {
  /** Used when the connection string has no `EntityPath`. */
  eventHubName?: string;
  /**
   * The SDK's own retries. Few by default: the delivery framework retries rejected calls with
   * backoff, and the SDK retries even unauthorized answers.
   */
  retry?: RetryOptions;
  /** Partition keys sent at once; batches of one key always go one after the other. */
  keysInFlight?: number;
}

export class EventTooLargeError extends Error {
  constructor(partitionKey: string, maxSizeInBytes: number) {
    super(`an event of partition key ${JSON.stringify(partitionKey.slice(0, 64))} does not fit in one batch (${maxSizeInBytes} bytes at most)`);
    this.name = 'EventTooLargeError';
  }
}

const DEFAULT_RETRY: RetryOptions = { maxRetries: 1, retryDelayInMs: 200, maxRetryDelayInMs: 1_000, timeoutInMs: 10_000 };

/**
 * Publishes events to one event hub with the SDK's producer client, packed into as few
 * `EventDataBatch`es as fit: events are grouped by partition key (one key per batch, their order
 * kept), each group fills batches one after the other, and different keys are sent concurrently.
 * A send resolves once every batch was acknowledged and rejects with the first error otherwise,
 * once no batch of it is in flight any more (some batches may then have been stored: delivery is
 * at least once).
 */
export class EventHubsPublisher {
  readonly target: EventHubsTarget;
  private readonly producer: EventHubProducerClient;
  private readonly keysInFlight: number;

  /** Throws `EventHubsConfigurationError` when the connection string cannot be used. */
  constructor(connectionString: string, options: EventHubsPublisherOptions = {}) {
    this.target = readConnectionString(connectionString, options.eventHubName);
    this.keysInFlight = Math.max(1, options.keysInFlight ?? 32);
    const retryOptions = { ...DEFAULT_RETRY, ...options.retry };
    try {
      this.producer = new EventHubProducerClient(connectionString.trim(), this.target.eventHubName, { retryOptions });
    } catch (error) {
      throw new EventHubsConfigurationError(`the Event Hubs connection string is invalid: ${(error as Error).name}`);
    }
  }

  async send(events: readonly OutgoingEvent[], options: SendOptions): Promise<void> {
    if (events.length === 0) return;
    const abortSignal = AbortSignal.timeout(options.timeoutMs);
    const groups = groupByPartitionKey(events);
    let next = 0;
    let failure: { error: unknown } | undefined;
    // After a failure no further key starts (the whole send is retried), and the send settles only
    // once no batch is in flight, so nothing of this send lands after a later send of the same key.
    const worker = async (): Promise<void> => {
      while (!failure && next < groups.length) {
        const group = groups[next++];
        try {
          await this.sendGroup(group.partitionKey, group.events, abortSignal, options.onTooLarge);
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.keysInFlight, groups.length) }, worker));
    if (failure) throw failure.error;
  }

  async readHubProperties(options: SendOptions): Promise<HubProperties> {
    const properties = await this.producer.getEventHubProperties({ abortSignal: AbortSignal.timeout(options.timeoutMs) });
    return { name: properties.name, createdOn: properties.createdOn, partitionIds: [...properties.partitionIds] };
  }

  close(): Promise<void> {
    return this.producer.close();
  }

  private async sendGroup(
    partitionKey: string,
    events: readonly OutgoingEvent[],
    abortSignal: AbortSignal,
    onTooLarge: SendOptions['onTooLarge'],
  ): Promise<void> {
    const tooLarge = (event: OutgoingEvent, maxSizeInBytes: number) => {
      const error = new EventTooLargeError(partitionKey, maxSizeInBytes);
      if (!onTooLarge) throw error;
      onTooLarge(event, error);
    };
    let batch: EventDataBatch | undefined;
    for (const event of events) {
      const data = toEventData(event);
      batch ??= await this.producer.createBatch({ partitionKey, abortSignal });
      if (batch.tryAdd(data)) continue;
      if (batch.count === 0) {
        tooLarge(event, batch.maxSizeInBytes);
        continue;
      }
      await this.producer.sendBatch(batch, { abortSignal });
      batch = await this.producer.createBatch({ partitionKey, abortSignal });
      if (!batch.tryAdd(data)) tooLarge(event, batch.maxSizeInBytes);
    }
    if (batch && batch.count > 0) await this.producer.sendBatch(batch, { abortSignal });
  }
}

/** Groups by partition key in order of first appearance, keeping each key's events in order. */
export function groupByPartitionKey(events: readonly OutgoingEvent[]): Array<{ partitionKey: string; events: OutgoingEvent[] }> {
  const groups = new Map<string, OutgoingEvent[]>();
  for (const event of events) {
    const group = groups.get(event.partitionKey);
    if (group) group.push(event);
    else groups.set(event.partitionKey, [event]);
  }
  return [...groups].map(([partitionKey, grouped]) => ({ partitionKey, events: grouped }));
}

function toEventData(event: OutgoingEvent): EventData {
  return { body: event.body, contentType: 'application/json', ...(event.properties ? { properties: { ...event.properties } } : {}) };
}
