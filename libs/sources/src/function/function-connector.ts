import type { FunctionSourceSettings } from '../model/pull-source';
import type { SourceConnector, SourcePage, SourceTestOutcome } from '../engine/source-page';
import { FunctionClient } from './function-client';
import { parseFunctionResponse } from './function-response';

export const SETUP_TEST_SYNC_ID = 'setup-test';

export interface FunctionConnectorOptions {
  settings: FunctionSourceSettings;
  secrets: Record<string, string>;
  /** Informational `agent` field. */
  agent: string;
  backoff?: { initialMs: number; maxMs: number };
}

/** Seed 001's function protocol: `{ agent, state, secrets, customPayload, sync_id }` in, a page out. */
export class FunctionConnector implements SourceConnector {
  private readonly client: FunctionClient;

  constructor(private readonly options: FunctionConnectorOptions) {
    this.client = new FunctionClient({
      url: options.settings.url,
      timeoutMs: options.settings.timeoutMs ?? 30_000,
      maxAttempts: options.settings.maxAttempts ?? 4,
      backoff: options.backoff,
      functionKey: options.secrets['functionKey'],
    });
  }

  async nextPage(state: Record<string, unknown>, syncId: string): Promise<SourcePage> {
    return parseFunctionResponse(await this.client.call({ ...this.baseRequest(state), sync_id: syncId }));
  }

  /** `setup_test` with the `setup-test` sync id; on an error, once more without the sync id. */
  async test(): Promise<SourceTestOutcome> {
    const request = { ...this.baseRequest({}), setup_test: true };
    try {
      parseFunctionResponse(await this.client.call({ ...request, sync_id: SETUP_TEST_SYNC_ID }));
      return { ok: true, message: 'the function answered the setup test' };
    } catch {
      try {
        parseFunctionResponse(await this.client.call(request));
        return { ok: true, message: 'the function answered the setup test (without sync_id)' };
      } catch (error) {
        return { ok: false, message: (error as Error).message };
      }
    }
  }

  private baseRequest(state: Record<string, unknown>) {
    return {
      agent: this.options.agent,
      state,
      secrets: this.options.secrets,
      customPayload: this.options.settings.customPayload ?? {},
    };
  }
}
