import {
  deterministicEventId,
  MEMBERSHIP_EVENT_VERSION,
  type MembershipEventMessage,
} from '@activation/contracts';
import type { MembershipTransition } from './transition';

/**
 * The eventId of a transition depends only on (audience, profile, membership version), so every
 * replay of the same transition carries the same id. Snapshot rows add the request id.
 */
export function membershipEventId(transition: MembershipTransition): string {
  if (transition.kind === 'snapshot') {
    return deterministicEventId(
      'membership-snapshot', transition.snapshotRequestId ?? '', transition.audience.id, transition.profileId,
      transition.membership.membershipVersion,
    );
  }
  return deterministicEventId('membership', transition.audience.id, transition.profileId, transition.membership.membershipVersion);
}

export function toMembershipMessage(transition: MembershipTransition): MembershipEventMessage {
  const message: MembershipEventMessage = {
    kind: transition.kind,
    eventId: membershipEventId(transition),
    version: MEMBERSHIP_EVENT_VERSION,
    callType: transition.callType,
    profileId: transition.profileId,
    audienceId: transition.audience.id,
    audienceNumber: transition.audience.number,
    audienceSlug: transition.audience.slug,
    audienceVersion: transition.audience.version,
    membershipVersion: transition.membership.membershipVersion,
    projected: transition.projected,
    identifiers: transition.identifiers,
    enteredAt: transition.membership.enteredAt ?? transition.timestamp,
    exitedAt: transition.membership.exitedAt,
    timestamp: transition.timestamp,
    cause: transition.cause,
    backfill: transition.backfill,
  };
  if (transition.targetSubscriptionId !== undefined) message.targetSubscriptionId = transition.targetSubscriptionId;
  if (transition.receivedAt !== undefined) message.receivedAt = transition.receivedAt;
  return message;
}
