import { EventHubConsumerClient, earliestEventPosition, type ReceivedEventData } from '@azure/event-hubs';

export interface ReadEvent {
  partitionId: string;
  partitionKey: string | null | undefined;
  sequenceNumber: number;
  body: unknown;
}

/**
 * Reads a hub from the start with the real `EventHubConsumerClient` until `count` events came,
 * then waits `settleMs` more so that extra (unexpected) events are seen too.
 */
export async function readHub(connectionString: string, count: number, options: { timeoutMs?: number; settleMs?: number } = {}): Promise<ReadEvent[]> {
  const consumer = new EventHubConsumerClient('$Default', connectionString, { retryOptions: { maxRetries: 3, retryDelayInMs: 200, timeoutInMs: 10_000 } });
  const received: ReadEvent[] = [];
  const errors: Error[] = [];
  const subscription = consumer.subscribe(
    {
      processEvents: async (events: ReceivedEventData[], context) => {
        for (const event of events) {
          received.push({ partitionId: context.partitionId, partitionKey: event.partitionKey, sequenceNumber: event.sequenceNumber, body: event.body });
        }
      },
      processError: async (error) => void errors.push(error),
    },
    { startPosition: earliestEventPosition, maxBatchSize: 100, maxWaitTimeInSeconds: 1 },
  );
  try {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    while (received.length < count && Date.now() < deadline) await sleep(100);
    await sleep(options.settleMs ?? 1_000);
  } finally {
    await subscription.close();
    await consumer.close();
  }
  if (received.length < count) throw new Error(`read ${received.length} of ${count} events${errors.length ? `; errors: ${errors.map((error) => error.message).join('; ')}` : ''}`);
  return received;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
