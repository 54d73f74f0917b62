import type { CallType } from '@activation/contracts';

export type RowOrigin = 'stream' | 'snapshot' | 'replay';

/** What a destination may need of the membership event besides the projected values. */
export interface RowEnvelope {
  profileId: string;
  audienceId: string;
  audienceNumber: number;
  audienceSlug: string;
  audienceVersion: number;
  identifiers: Record<string, string[]>;
  /** Epoch ms of the change that caused the event. */
  timestamp: number;
  enteredAt: number;
  exitedAt: number | null;
  kind: 'transition' | 'snapshot';
  backfill: boolean;
  /**
   * The input that caused the transition (`cause.inputEventId`): transitions of one profile with
   * the same value come from one evaluation. Absent on rows queued before it was recorded.
   */
  evaluationId?: string;
  /** Epoch ms at which the platform accepted the causing input; end-to-end latency is measured from it. */
  receivedAt?: number;
  /**
   * The W3C `traceparent` the membership message arrived with: its trace id follows the change
   * from ingest to the delivery call. Absent on rows queued before it was recorded.
   */
  traceparent?: string;
}

/** One membership event routed to one subscription, about to be queued. */
export interface StagedRow {
  subscriptionId: number;
  primaryKey: string;
  membershipVersion: number;
  callType: CallType;
  eventId: string;
  origin: RowOrigin;
  replayId?: string;
  /** The subscription's projection of the event's projected values. */
  values: Record<string, unknown>;
  envelope: RowEnvelope;
  /** Epoch ms; the lag of a subscription is measured from it. */
  eventTime: number;
  /** Deliver only when the key was delivered to this subscription before (backfill under "future-only"). */
  requiresKnownKey: boolean;
}

/** A queued row as a dispatcher reads it. */
export interface QueuedRow {
  id: string;
  subscriptionId: number;
  primaryKey: string;
  membershipVersion: number;
  callType: CallType;
  eventId: string;
  origin: RowOrigin;
  replayId: string | null;
  values: Record<string, unknown>;
  envelope: RowEnvelope;
  eventTime: number;
  stagedAt: number;
  attempts: number;
  runAttempts: number;
  lastRunId: number | null;
  /** Immediate retries are used up; it waits for a later run (and a newer change supersedes it). */
  deferred: boolean;
  firstFailedAt: number | null;
}
