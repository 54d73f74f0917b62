import type { CallType } from '@activation/contracts';
import type { QueuedRow, RowEnvelope, RowOrigin } from '../model/delivery-row';

/** Columns a dispatcher reads of a queued row. */
export const QUEUED_ROW_COLUMNS = `id::text AS id, subscription_id, primary_key, membership_version, call_type, event_id, origin,
  replay_id::text AS replay_id, row_values, envelope, event_time, staged_at, attempts, run_attempts, last_run_id, deferred, first_failed_at`;

export interface QueuedRowRecord {
  id: string;
  subscription_id: number;
  primary_key: string;
  membership_version: number;
  call_type: CallType;
  event_id: string;
  origin: RowOrigin;
  replay_id: string | null;
  row_values: Record<string, unknown>;
  envelope: RowEnvelope;
  event_time: Date;
  staged_at: Date;
  attempts: number;
  run_attempts: number;
  last_run_id: number | null;
  deferred: boolean;
  first_failed_at: Date | null;
}

export function toQueuedRow(record: QueuedRowRecord): QueuedRow {
  return {
    id: record.id,
    subscriptionId: record.subscription_id,
    primaryKey: record.primary_key,
    membershipVersion: record.membership_version,
    callType: record.call_type,
    eventId: record.event_id,
    origin: record.origin,
    replayId: record.replay_id,
    values: record.row_values,
    envelope: record.envelope,
    eventTime: record.event_time.getTime(),
    stagedAt: record.staged_at.getTime(),
    attempts: record.attempts,
    runAttempts: record.run_attempts,
    lastRunId: record.last_run_id,
    deferred: record.deferred,
    firstFailedAt: record.first_failed_at ? record.first_failed_at.getTime() : null,
  };
}
