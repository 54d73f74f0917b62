import type { CallType } from '@activation/contracts';
import type { RowEnvelope } from '@activation/delivery';

/** What the document is built from: one queued membership row (values already projected). */
export interface DocumentRow {
  eventId: string;
  callType: CallType;
  values: Record<string, unknown>;
  envelope: RowEnvelope;
}

/** Rows of one evaluation share this: the input that caused them, or the row's own event when unknown. */
export function evaluationKey(row: DocumentRow): string {
  return row.envelope.evaluationId ?? `event:${row.eventId}`;
}

/** NEW (also a snapshot row of a current member) enters, REMOVED exits; MODIFIED is neither. */
export function segmentEventKind(callType: CallType): 'enter' | 'exit' | undefined {
  if (callType === 'NEW') return 'enter';
  if (callType === 'REMOVED') return 'exit';
  return undefined;
}
