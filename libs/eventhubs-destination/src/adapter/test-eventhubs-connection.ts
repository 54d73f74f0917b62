import { performance } from 'node:perf_hooks';
import type { DestinationTestResult } from '@activation/delivery';
import type { RetryOptions } from '@azure/event-hubs';
import { classifyEventHubsError } from '../client/classify-eventhubs-error';
import { EventHubsPublisher } from '../client/eventhubs-publisher';

export interface EventHubsConnectionTest {
  /** Used when the connection string has no `EntityPath`. */
  eventHubName?: string;
  timeoutMs: number;
  retry?: RetryOptions;
}

/**
 * The "test destination" action of every kind that publishes to Event Hubs: connect with the
 * connection string, read the hub's properties, report; nothing is sent. An unusable connection
 * string is a configuration error; SDK failures carry seed 002's error classes.
 */
export async function testEventHubsConnection(connectionString: string | undefined, test: EventHubsConnectionTest): Promise<DestinationTestResult> {
  let publisher: EventHubsPublisher;
  try {
    publisher = new EventHubsPublisher(connectionString as string, { eventHubName: test.eventHubName, retry: test.retry });
  } catch (error) {
    return { ok: false, latencyMs: 0, errorClass: 'configuration', message: (error as Error).message };
  }
  const started = performance.now();
  try {
    const hub = await publisher.readHubProperties({ timeoutMs: test.timeoutMs });
    return { ok: true, latencyMs: Math.round(performance.now() - started), message: `connected to event hub "${hub.name}" with ${hub.partitionIds.length} partition(s)` };
  } catch (error) {
    const { errorClass, reason } = classifyEventHubsError(error);
    return { ok: false, latencyMs: Math.round(performance.now() - started), errorClass, message: reason };
  } finally {
    await publisher.close().catch(() => undefined);
  }
}
