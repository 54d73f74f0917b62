import { EventHubConsumerClient, earliestEventPosition, type ReceivedEventData } from '@azure/event-hubs';

export interface ReadEvent {
  partitionId: string;
  partitionKey: string | undefined;
  sequenceNumber: number;
  /** As the consumer client gives it (a JSON body sent as an object comes back as one). */
  body: unknown;
}

export interface ReadHubOptions {
  /** How long `count` events may take to arrive (default 30 s). */
  timeoutMs?: number;
  /** Read on this long after `count` arrived, so that extra (unexpected) events are seen too (default 1 s). */
  settleMs?: number;
}

/**
 * Reads an event hub from its start with the real `EventHubConsumerClient` (consumer group
 * `$Default`) until `count` events came, then `settleMs` more. Throws when fewer than `count`
 * arrived by the deadline, naming the consumer's errors if there were any.
 */
export async function readHub(connectionString: string, count: number, options: ReadHubOptions = {}): Promise<ReadEvent[]> {
  const consumer = new EventHubConsumerClient('$Default', connectionString, { retryOptions: { maxRetries: 3, retryDelayInMs: 200, timeoutInMs: 10_000 } });
  const received: ReadEvent[] = [];
  const errors: Error[] = [];
  const subscription = consumer.subscribe(
    {
      processEvents: async (events: ReceivedEventData[], context) => {
        for (const event of events) {
          received.push({ partitionId: context.partitionId, partitionKey: event.partitionKey ?? undefined, sequenceNumber: event.sequenceNumber, body: event.body });
        }
      },
      processError: async (error) => void errors.push(error),
    },
    { startPosition: earliestEventPosition, maxBatchSize: 100, maxWaitTimeInSeconds: 1 },
  );
  try {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    while (received.length < count && Date.now() < deadline) await sleep(100);
    if (received.length >= count) await sleep(options.settleMs ?? 1_000);
  } finally {
    await subscription.close();
    await consumer.close();
  }
  if (received.length < count) {
    throw new Error(`read ${received.length} of ${count} events${errors.length > 0 ? `; errors: ${errors.map((error) => error.message).join('; ')}` : ''}`);
  }
  return received;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
