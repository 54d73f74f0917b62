import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Agent, interceptors, request, type Dispatcher } from 'undici';
import { SIGNATURE_HEADERS, signatureOf } from '../signing/request-signature';
import type { AddressPolicy } from './address-policy';
import { findBlockedAddressError } from './blocked-address-error';
import { guardedConnector } from './guarded-connector';

export interface FunctionClientOptions {
  url: string;
  timeoutMs: number;
  policy: AddressPolicy;
  functionKey?: string;
  signingSecret?: string;
  /** Connections kept to the function at most (the dispatcher's concurrency limit is lower or equal). */
  connections?: number;
  ca?: string | string[];
}

export type HttpExchange =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: string; latencyMs: number; callId: string }
  | { kind: 'failure'; errorClass: 'timeout' | 'connection' | 'blocked-address' | 'tls' | 'invalid-response'; reason: string; latencyMs: number; callId: string };

const MAX_RESPONSE_BYTES = 1024 * 1024;
const MAX_REDIRECTS = 3;

class CallTimeout extends Error {
  constructor(ms: number) {
    super(`no complete response within ${ms} ms`);
    this.name = 'CallTimeout';
  }
}

/**
 * POSTs JSON bodies to one function URL with its function key and an HMAC signature (see
 * signing/request-signature.ts), through a connection pool whose every connection, redirects
 * included, passes the address policy. The timeout covers the whole exchange, body included.
 */
export class FunctionClient {
  private readonly agent: Agent;
  private readonly dispatcher: Dispatcher;

  constructor(private readonly options: FunctionClientOptions) {
    this.agent = new Agent({
      connect: guardedConnector({ policy: options.policy, connectTimeoutMs: Math.min(options.timeoutMs, 10_000), ca: options.ca }),
      connections: options.connections ?? 64,
      keepAliveTimeout: 10_000,
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    this.dispatcher = this.agent.compose(
      interceptors.redirect({ maxRedirections: MAX_REDIRECTS, stripHeadersOnCrossOriginRedirect: [SIGNATURE_HEADERS.functionKey] }),
    );
  }

  async post(body: string, extraHeaders: Record<string, string> = {}): Promise<HttpExchange> {
    const callId = randomUUID();
    const started = performance.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new CallTimeout(this.options.timeoutMs)), this.options.timeoutMs);
    const elapsed = () => performance.now() - started;
    try {
      const response = await request(this.options.url, {
        method: 'POST',
        dispatcher: this.dispatcher,
        headers: this.headers(body, callId, extraHeaders),
        body,
        signal: controller.signal,
      });
      const text = await readLimited(response.body, MAX_RESPONSE_BYTES);
      if (text === undefined) {
        return { kind: 'failure', errorClass: 'invalid-response', reason: `response body larger than ${MAX_RESPONSE_BYTES} bytes`, latencyMs: elapsed(), callId };
      }
      return { kind: 'response', status: response.statusCode, headers: flatten(response.headers), body: text, latencyMs: elapsed(), callId };
    } catch (error) {
      return { kind: 'failure', ...classify(error, controller.signal), latencyMs: elapsed(), callId };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.agent.close().catch(() => undefined);
  }

  private headers(body: string, callId: string, extra: Record<string, string>): Record<string, string> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'activation-function-invoker/1',
      [SIGNATURE_HEADERS.callId]: callId,
      ...extra,
    };
    if (this.options.functionKey) headers[SIGNATURE_HEADERS.functionKey] = this.options.functionKey;
    if (this.options.signingSecret) {
      const timestamp = Math.floor(Date.now() / 1000);
      headers[SIGNATURE_HEADERS.timestamp] = String(timestamp);
      headers[SIGNATURE_HEADERS.signature] = signatureOf(this.options.signingSecret, timestamp, body);
    }
    return headers;
  }
}

async function readLimited(body: AsyncIterable<Buffer> & { destroy?: () => void }, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      body.destroy?.();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function classify(error: unknown, signal: AbortSignal): { errorClass: 'timeout' | 'connection' | 'blocked-address' | 'tls'; reason: string } {
  const blocked = findBlockedAddressError(error);
  if (blocked) return { errorClass: 'blocked-address', reason: blocked.message };
  if (signal.aborted && signal.reason instanceof CallTimeout) return { errorClass: 'timeout', reason: signal.reason.message };
  const code = String((error as { code?: unknown })?.code ?? '');
  const message = (error as Error)?.message ?? String(error);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return { errorClass: 'timeout', reason: `connect timeout: ${message}` };
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code)) return { errorClass: 'tls', reason: `${code}: ${message}` };
  return { errorClass: 'connection', reason: code ? `${code}: ${message}` : message };
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}
