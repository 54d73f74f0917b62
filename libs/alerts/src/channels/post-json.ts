import { Agent, request } from 'undici';
import { findBlockedAddressError, guardedConnector, type AddressPolicy } from '@activation/function-destination';

export interface PostJsonOptions {
  headers?: Record<string, string>;
  /** Deadline of the whole exchange, the answer's body included. */
  timeoutMs: number;
  /** Every connection passes it (literal IPs, each address a name resolves to, the connected peer). */
  policy: AddressPolicy;
}

const MAX_ANSWER_CHARS = 200;

/**
 * POSTs JSON through a connection that the address policy guards, as function destinations do,
 * so an alert channel cannot reach a private or metadata address the setting does not open.
 * Redirects are not followed (a 3xx is an error). A non-2xx answer is an error carrying the
 * status and the start of the body. Errors never repeat the URL (a Slack-compatible URL is a
 * secret), only the cause: they are logged and shown as the rule's last notify error.
 */
export async function postJson(url: string, body: unknown, options: PostJsonOptions): Promise<void> {
  const agent = new Agent({ connect: guardedConnector({ policy: options.policy, connectTimeoutMs: options.timeoutMs }), connections: 1 });
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    let status: number;
    let text: string;
    try {
      const response = await request(url, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json', ...options.headers },
        body: JSON.stringify(body),
        signal,
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      throw new Error(`POST failed: ${causeOf(error, signal, options.timeoutMs)}`);
    }
    if (status < 200 || status > 299) throw new Error(`HTTP ${status}: ${text.slice(0, MAX_ANSWER_CHARS)}`);
  } finally {
    await agent.close().catch(() => undefined);
  }
}

function causeOf(error: unknown, signal: AbortSignal, timeoutMs: number): string {
  const blocked = findBlockedAddressError(error);
  if (blocked) return blocked.message;
  if (signal.aborted) return `no answer within ${timeoutMs} ms`;
  // Duck-typed: the errors may come from another realm than this module's Error.
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  if (typeof code === 'string' && code.length > 0) return code;
  if (typeof cause?.code === 'string') return cause.code;
  return 'the request could not be sent';
}
