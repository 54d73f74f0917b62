import { deterministicEventId, MEMBERSHIP_EVENT_VERSION, type CallType, type MembershipEventMessage } from '@activation/contracts';
import type { QueuedRow } from '../model/delivery-row';
import type { DeliverySubscription } from '../routing/subscription-directory';

/** A valid membership event for specs; fields not given take plain defaults. */
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

export function deliverySubscription(overrides: Partial<DeliverySubscription> & { id: number; audienceId: string }): DeliverySubscription {
  return {
    name: `subscription ${overrides.id}`,
    enabled: true,
    initialSync: 'future-only',
    projection: { fields: [] },
    settings: {},
    destination: { id: 'd1', name: 'd1', kind: 'function', enabled: true, settings: {}, secrets: () => ({}), updatedAt: 0 },
    version: '1',
    ...overrides,
  };
}

export function queuedRow(overrides: Partial<QueuedRow> & { id: string; primaryKey: string }): QueuedRow {
  return {
    subscriptionId: 1,
    membershipVersion: 1,
    callType: 'NEW',
    eventId: '00000000-0000-8000-8000-000000000000',
    origin: 'stream',
    replayId: null,
    values: {},
    envelope: {
      profileId: overrides.primaryKey, audienceId: 'a', audienceNumber: 1, audienceSlug: 'a', audienceVersion: 1, identifiers: {},
      timestamp: 0, enteredAt: 0, exitedAt: null, kind: 'transition', backfill: false,
    },
    eventTime: 0,
    stagedAt: 0,
    attempts: 0,
    runAttempts: 0,
    lastRunId: null,
    deferred: false,
    firstFailedAt: null,
    ...overrides,
  };
}
