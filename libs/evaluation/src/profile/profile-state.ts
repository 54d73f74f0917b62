import type { EventRecord } from '@activation/audience-rules';
import type { MembershipState } from '../membership/membership-state';
import type { Attributes } from './attribute-paths';

/** A behavioral event as the evaluator stores it (raw, for the retention period). */
export interface StoredEvent {
  eventId: string;
  profileId: string;
  name: string;
  occurredAt: number;
  properties?: Record<string, unknown>;
}

/**
 * One profile while a batch, page or schedule tick works on it: what was loaded, what changed,
 * and what must be written back in the same transaction.
 */
export interface ProfileWorkingState {
  profileId: string;
  attributes: Attributes;
  identifiers: Record<string, string[]>;
  deleted: boolean;
  version: number;
  changedAt: number | null;
  /** Events the loaded audiences can read, plus the ones applied in this unit of work. */
  events: EventRecord[];
  /** Events applied in this unit of work, to insert. */
  newEvents: StoredEvent[];
  /** The profile was deleted in this unit of work: its stored events must go. */
  eventsCleared: boolean;
  memberships: Map<string, MembershipState>;
  changedMemberships: Set<string>;
  /** Whether the profile row must be written. */
  dirty: boolean;
}

export function emptyProfile(profileId: string): ProfileWorkingState {
  return {
    profileId,
    attributes: {},
    identifiers: {},
    deleted: false,
    version: 0,
    changedAt: null,
    events: [],
    newEvents: [],
    eventsCleared: false,
    memberships: new Map(),
    changedMemberships: new Set(),
    dirty: false,
  };
}
