import type { CallType } from '@activation/contracts';
import type { QueuedRow } from '@activation/delivery';

/** Columns every exported row starts with, before the subscription's projected fields. */
export const META_COLUMNS = ['_profile_id', '_event', '_timestamp'] as const;

export type ExportEvent = 'existing' | 'enter' | 'change' | 'exit';

const EVENTS: Record<CallType, ExportEvent> = { NEW: 'enter', MODIFIED: 'change', REMOVED: 'exit' };

/** What a row of an export file says: the member, what happened to it, when, and its projected values. */
export interface ExportRow {
  profileId: string;
  event: ExportEvent;
  /** ISO-8601 time of the change (of the snapshot request for existing members). */
  timestamp: string;
  values: Record<string, unknown>;
}

export function exportRowOf(row: QueuedRow): ExportRow {
  return {
    profileId: row.primaryKey,
    event: row.origin === 'snapshot' ? 'existing' : EVENTS[row.callType],
    timestamp: new Date(row.envelope.timestamp).toISOString(),
    values: row.values,
  };
}
