import type { DestinationConfig, DestinationTester, DestinationTestResult } from '@activation/configuration';
import type { RetryOptions } from '@azure/event-hubs';
import { testEventHubsDestination } from './eventhubs-adapter';

/** The admin API's "test destination" for the eventhubs kind: connect, read the hub's properties, report. */
export class EventHubsDestinationTester implements DestinationTester {
  constructor(private readonly retry: RetryOptions = { maxRetries: 0 }) {}

  async test(destination: DestinationConfig, secrets: Readonly<Record<string, string>>): Promise<DestinationTestResult> {
    const result = await testEventHubsDestination({ ...destination, secrets: () => ({ ...secrets }) }, this.retry);
    return { ok: result.ok, detail: `${result.errorClass ? `${result.errorClass}: ` : ''}${result.message.replace(/\.$/, '')}.`, latencyMs: result.latencyMs };
  }
}
