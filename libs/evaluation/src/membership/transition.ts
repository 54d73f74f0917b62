import type { CallType, MembershipCause } from '@activation/contracts';
import type { AudienceIdentity } from '../audiences/compiled-audience';
import type { MembershipState } from './membership-state';

/** One membership event to write to the outbox, with everything its message needs. */
export interface MembershipTransition {
  kind: 'transition' | 'snapshot';
  profileId: string;
  audience: AudienceIdentity;
  callType: CallType;
  membership: MembershipState;
  projected: Record<string, unknown>;
  identifiers: Record<string, string[]>;
  /** Epoch ms of the change that caused it. */
  timestamp: number;
  cause: MembershipCause;
  backfill: boolean;
  targetSubscriptionId?: number;
  /** Request id of a snapshot (part of its eventId). */
  snapshotRequestId?: string;
  traceparent?: string;
  /** Epoch ms at which the platform accepted the causing input. */
  receivedAt?: number;
}
