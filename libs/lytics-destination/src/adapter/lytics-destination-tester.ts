import type { DestinationConfig, DestinationTester, DestinationTestResult } from '@activation/configuration';
import type { LyticsDestinationAdapter } from './lytics-adapter';

/** The admin API's "test destination" for the lytics-eventhubs kind: reads the hub's properties, sends nothing. */
export class LyticsDestinationTester implements DestinationTester {
  constructor(private readonly adapter: LyticsDestinationAdapter) {}

  async test(destination: DestinationConfig, secrets: Readonly<Record<string, string>>): Promise<DestinationTestResult> {
    const result = await this.adapter.testDestination({ ...destination, secrets: () => ({ ...secrets }) });
    return { ok: result.ok, detail: `${result.errorClass ? `${result.errorClass}: ` : ''}${result.message.replace(/\.$/, '')}.`, latencyMs: result.latencyMs };
  }
}
