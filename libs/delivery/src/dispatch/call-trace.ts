import { childTraceparent, traceIdOf } from '@activation/kafka';
import type { QueuedRow } from '../model/delivery-row';

/** A call of 1000 rows could name 1000 traces; a log line and a call record keep this many. */
export const MAX_CALL_TRACE_IDS = 20;

/** The distinct trace ids of a call's rows, in row order, at most `MAX_CALL_TRACE_IDS`. */
export function callTraceIds(rows: readonly QueuedRow[]): string[] {
  const ids = new Set<string>();
  for (const row of rows) {
    const id = traceIdOf(row.envelope.traceparent);
    if (id !== undefined) ids.add(id);
    if (ids.size === MAX_CALL_TRACE_IDS) break;
  }
  return [...ids];
}

/**
 * The `traceparent` an adapter may send with a call: when every traced row of the call belongs
 * to one trace, that trace with a new span id; otherwise (several traces, or none) undefined.
 */
export function callTraceparent(rows: readonly QueuedRow[]): string | undefined {
  let parent: string | undefined;
  for (const row of rows) {
    const traceparent = row.envelope.traceparent;
    if (traceIdOf(traceparent) === undefined) continue;
    if (parent !== undefined && traceIdOf(parent) !== traceIdOf(traceparent)) return undefined;
    parent ??= traceparent;
  }
  return parent === undefined ? undefined : childTraceparent(parent);
}
