import { EventHubConsumerClient, earliestEventPosition } from '@azure/event-hubs';
import type { LyticsDocument } from '../document/lytics-document';
import { assertLyticsDocument } from './document-validator';

export interface ReadDocument {
  partitionId: string;
  partitionKey?: string;
  document: LyticsDocument;
}

/**
 * Reads a hub from its start with the real consumer client until `count` events arrived and
 * then `settleMs` passed with no more (so an extra document would be seen), checking each body
 * against the strict schema.
 */
export async function readDocuments(connectionString: string, count: number, options: { timeoutMs?: number; settleMs?: number } = {}): Promise<ReadDocument[]> {
  const client = new EventHubConsumerClient('$Default', connectionString, { retryOptions: { maxRetries: 2, retryDelayInMs: 200, timeoutInMs: 10_000 } });
  const read: ReadDocument[] = [];
  const errors: Error[] = [];
  const subscription = client.subscribe(
    {
      processEvents: async (events, context) => {
        for (const event of events) {
          const body = Buffer.isBuffer(event.body) || typeof event.body === 'string' ? JSON.parse(event.body.toString()) : event.body;
          assertLyticsDocument(body);
          read.push({ partitionId: context.partitionId, partitionKey: event.partitionKey ?? undefined, document: body as LyticsDocument });
        }
      },
      processError: async (error) => {
        errors.push(error);
      },
    },
    { startPosition: earliestEventPosition, maxWaitTimeInSeconds: 1 },
  );
  try {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    while (read.length < count && Date.now() < deadline && errors.length === 0) await sleep(200);
    await sleep(options.settleMs ?? 1_000);
  } finally {
    await subscription.close();
    await client.close();
  }
  if (errors.length > 0) throw errors[0];
  return read;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
