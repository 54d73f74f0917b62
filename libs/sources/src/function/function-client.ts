import { SourceRunError } from '../engine/source-page';

export interface FunctionClientOptions {
  url: string;
  timeoutMs: number;
  maxAttempts: number;
  backoff?: { initialMs: number; maxMs: number };
  /** Sent as `x-functions-key` (an Azure Function's key), never in the URL. */
  functionKey?: string;
}

/** The function answered in a way the protocol does not allow; retrying would not help. */
export class FunctionProtocolError extends SourceRunError {}

class RetryableCallError extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls the function with a JSON body: HTTP errors, network errors and timeouts are retried
 * with exponential backoff; an answer that is not JSON is an error at once.
 */
export class FunctionClient {
  constructor(private readonly options: FunctionClientOptions) {}

  async call(body: unknown): Promise<unknown> {
    const backoff = this.options.backoff ?? { initialMs: 250, maxMs: 5_000 };
    let lastError: Error | undefined;
    for (let attempt = 1; attempt <= this.options.maxAttempts; attempt += 1) {
      try {
        return await this.attempt(body);
      } catch (error) {
        if (!(error instanceof RetryableCallError)) throw error;
        lastError = error;
        if (attempt < this.options.maxAttempts) await sleep(Math.min(backoff.maxMs, backoff.initialMs * 2 ** (attempt - 1)));
      }
    }
    throw new SourceRunError(`the function failed after ${this.options.maxAttempts} attempts: ${lastError?.message}`, 'FunctionUnavailable');
  }

  private async attempt(body: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(this.options.functionKey ? { 'x-functions-key': this.options.functionKey } : {}),
        },
        body: JSON.stringify(body),
        // The body holds the source's secrets and the headers its key: neither follows a redirect.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : (error as Error).message;
      throw new RetryableCallError(reason);
    }
    const text = await response.text().catch(() => '');
    if (response.status >= 300 && response.status < 400) {
      throw new FunctionProtocolError(
        `the function answered with a redirect (HTTP ${response.status}); set the source's url to the address it redirects to`,
        'Redirected',
      );
    }
    if (!response.ok) throw new RetryableCallError(`HTTP ${response.status}`);
    const contentType = response.headers.get('content-type') ?? '';
    if (!/^application\/([a-z0-9.+-]*\+)?json\b/i.test(contentType.trim())) {
      throw new FunctionProtocolError(
        `the function answered with Content-Type "${contentType || '(none)'}"; it must be "application/json"`, 'InvalidContentType',
      );
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new FunctionProtocolError('the function answered with a body that is not valid JSON', 'InvalidJson');
    }
  }
}
