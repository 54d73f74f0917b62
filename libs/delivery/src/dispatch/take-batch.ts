import type { CallType } from '@activation/contracts';
import type { QueuedRow } from '../model/delivery-row';

export interface TakenBatch {
  callType: CallType;
  retry: boolean;
  rows: QueuedRow[];
}

/**
 * Takes the next call's rows out of `buffer` (oldest first): up to `batchSize` rows of the
 * oldest row's call type (one operation per call). Rows tried before are sent only with other
 * retried rows, so a rejected row is retried apart from fresh ones and cannot hold them back.
 * The buffer holds at most one row per key, so a batch never holds two versions of one key.
 */
export function takeBatch(buffer: QueuedRow[], batchSize: number): TakenBatch | undefined {
  if (buffer.length === 0) return undefined;
  const first = buffer[0];
  const retry = first.attempts > 0;
  const taken: QueuedRow[] = [];
  const kept: QueuedRow[] = [];
  for (const row of buffer) {
    if (taken.length < batchSize && row.callType === first.callType && row.attempts > 0 === retry) taken.push(row);
    else kept.push(row);
  }
  buffer.splice(0, buffer.length, ...kept);
  return { callType: first.callType, retry, rows: taken };
}
