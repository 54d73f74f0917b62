import { deterministicEventId, MEMBERSHIP_EVENT_VERSION, type CallType, type MembershipEventMessage } from '@activation/contracts';

/** A valid membership event, as the evaluator publishes it, for specs; fields not given take plain defaults. */
export function membershipEvent(overrides: Partial<MembershipEventMessage> & { profileId: string; audienceId: string }): MembershipEventMessage {
  const version = overrides.membershipVersion ?? 1;
  return {
    kind: 'transition',
    eventId: deterministicEventId('membership', overrides.audienceId, overrides.profileId, version),
    version: MEMBERSHIP_EVENT_VERSION,
    callType: 'NEW' as CallType,
    audienceNumber: 1,
    audienceSlug: 'audience',
    audienceVersion: 1,
    membershipVersion: version,
    projected: {},
    identifiers: {},
    enteredAt: 1_700_000_000_000,
    timestamp: 1_700_000_000_000,
    cause: { inputEventId: 'input', kind: 'profile-change' },
    backfill: false,
    ...overrides,
  };
}
