import { randomEventId, type BehavioralEventMessage, type ProfileChangeMessage } from '@activation/contracts';

/** Builders of valid profile inputs for tests and benchmarks. */
export function profileChange(
  profileId: string,
  fields: { set?: Record<string, unknown>; unset?: string[]; identifiers?: Record<string, string[]>; deleted?: boolean },
  changedAt: number,
  eventId = randomEventId(),
): ProfileChangeMessage {
  return {
    kind: 'profile-change', eventId, version: 1, profileId, ...fields, changedAt, receivedAt: changedAt, source: 'test',
  };
}

export function behavioralEvent(
  profileId: string,
  name: string,
  occurredAt: number,
  properties?: Record<string, unknown>,
  eventId = randomEventId(),
): BehavioralEventMessage {
  return {
    kind: 'event', eventId, version: 1, profileId, name, occurredAt, receivedAt: occurredAt, source: 'test',
    ...(properties ? { properties } : {}),
  };
}
