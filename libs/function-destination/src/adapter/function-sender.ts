import { callTraceparent, type CallOutcome, type CallResult, type CallSender, type DeliveryCall } from '@activation/delivery';
import type { FunctionClient, HttpExchange } from '../http/function-client';
import { functionPayload } from '../payload/function-payload';
import { parseFunctionResponse, retryAfterMs } from '../payload/function-response';
import { requestRecord, responseRecord } from './call-record';

/**
 * Sends one subscription's calls to its function and reads the answers as seed 000 defines
 * them: a 2xx with `{}` or nothing delivers every row; `{"errors": [...]}` rejects the named rows;
 * 429 or 503 with Retry-After asks to wait (no attempt is used); any other status, a timeout,
 * a connection error or a body that cannot be read rejects every row of the call. A call whose
 * rows all come from one trace carries it in a W3C `traceparent` header (a span of its own).
 */
export class FunctionSender implements CallSender {
  constructor(
    private readonly client: FunctionClient,
    private readonly url: string,
    private readonly primaryKeyColumn: string,
  ) {}

  async send(call: DeliveryCall): Promise<CallResult> {
    const payload = functionPayload({
      callType: call.callType,
      primaryKeyColumn: this.primaryKeyColumn,
      rows: call.rows,
      syncId: call.subscriptionId,
      syncRunId: call.runId,
    });
    const traceparent = callTraceparent(call.rows);
    const exchange = await this.client.post(JSON.stringify(payload), traceparent ? { traceparent } : {});
    const record = { latencyMs: exchange.latencyMs, request: requestRecord(this.url, exchange.callId, payload) };
    return { ...record, ...judge(exchange, new Set(call.rows.map((row) => row.primaryKey))) };
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/** A call's outcome with what is kept of the response. */
export type JudgedExchange = CallOutcome & { httpStatus?: number; response?: string };

/** The outcome of one exchange; `keys` are the call's primary keys (rejections of others are ignored). */
export function judge(exchange: HttpExchange, keys: ReadonlySet<string>): JudgedExchange {
  if (exchange.kind === 'failure') return { outcome: 'rejected', errorClass: exchange.errorClass, reason: exchange.reason };
  const { status, body } = exchange;
  const base = { httpStatus: status, response: responseRecord(body) };
  if (status >= 200 && status < 300) {
    const parsed = parseFunctionResponse(body);
    if (parsed.kind === 'delivered') return { ...base, outcome: 'delivered' };
    if (parsed.kind === 'invalid') return { ...base, outcome: 'rejected', errorClass: 'invalid-response', reason: parsed.reason };
    const rejected = parsed.rows.filter((row) => keys.has(row.primaryKeyValue)).map((row) => ({ primaryKey: row.primaryKeyValue, reason: row.reason }));
    return rejected.length === 0 ? { ...base, outcome: 'delivered' } : { ...base, outcome: 'partial', rejected };
  }
  const wait = status === 429 || status === 503 ? retryAfterMs(exchange.headers['retry-after']) : undefined;
  if (wait !== undefined) return { ...base, outcome: 'throttled', retryAfterMs: wait, reason: `HTTP ${status}, Retry-After ${Math.round(wait / 1000)} s` };
  return { ...base, outcome: 'rejected', errorClass: 'http-status', reason: `HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}` };
}
