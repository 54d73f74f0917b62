import type { DestinationConfig, DestinationTester, DestinationTestResult } from '@activation/configuration';
import type { FunctionDestinationAdapter } from './function-adapter';

/**
 * The admin API's "test destination" for the function kind: one `add` call with no rows and
 * `x-activation-test: true`, signed like any call, through the address policy.
 */
export class FunctionDestinationTester implements DestinationTester {
  constructor(private readonly adapter: FunctionDestinationAdapter) {}

  async test(destination: DestinationConfig, secrets: Readonly<Record<string, string>>): Promise<DestinationTestResult> {
    const result = await this.adapter.testDestination({ ...destination, secrets: () => ({ ...secrets }) });
    const answer = result.response ? ` The function answered: ${result.response.slice(0, 500)}` : '';
    return {
      ok: result.ok,
      detail: `${result.errorClass ? `${result.errorClass}: ` : ''}${result.message}.${answer}`,
      status: result.httpStatus,
      latencyMs: result.latencyMs,
    };
  }
}
