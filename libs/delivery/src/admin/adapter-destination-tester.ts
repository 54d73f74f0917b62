import type { DestinationConfig, DestinationTester, DestinationTestResult } from '@activation/configuration';
import type { DeliveryAdapter } from '../model/delivery-adapter';

/** The admin API's "test destination" for any kind whose adapter can make one harmless call. */
export class AdapterDestinationTester implements DestinationTester {
  constructor(private readonly adapter: Required<Pick<DeliveryAdapter, 'testDestination'>>) {}

  async test(destination: DestinationConfig, secrets: Readonly<Record<string, string>>): Promise<DestinationTestResult> {
    const result = await this.adapter.testDestination({ ...destination, secrets: () => ({ ...secrets }) });
    const answer = result.response ? ` The destination answered: ${result.response.slice(0, 500)}` : '';
    return {
      ok: result.ok,
      detail: `${result.errorClass ? `${result.errorClass}: ` : ''}${result.message.replace(/\.$/, '')}.${answer}`,
      status: result.httpStatus,
      latencyMs: result.latencyMs,
    };
  }
}
