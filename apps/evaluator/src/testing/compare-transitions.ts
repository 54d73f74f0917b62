import { deterministicEventId, type MembershipEventMessage } from '@activation/contracts';
import type { ExpectedTransition } from './reference-model';

export interface Comparison {
  /** Human-readable differences; empty when the evaluator emitted exactly what it should. */
  mismatches: string[];
  unique: number;
  duplicates: number;
}

/**
 * Removes duplicates by eventId (keeping the first; a duplicate must be identical), groups the
 * transitions by (profile, audience) in topic order and compares each sequence with the model.
 */
export function compareWithReference(
  messages: readonly MembershipEventMessage[],
  expected: ReadonlyMap<string, ExpectedTransition[]>,
): Comparison {
  const mismatches: string[] = [];
  const first = new Map<string, MembershipEventMessage>();
  const actual = new Map<string, ExpectedTransition[]>();
  let duplicates = 0;
  for (const message of messages) {
    if (message.kind !== 'transition') continue;
    const earlier = first.get(message.eventId);
    if (earlier) {
      duplicates += 1;
      if (JSON.stringify(earlier) !== JSON.stringify(message)) mismatches.push(`duplicate ${message.eventId} differs from its first copy`);
      continue;
    }
    first.set(message.eventId, message);
    if (message.eventId !== deterministicEventId('membership', message.audienceId, message.profileId, message.membershipVersion)) {
      mismatches.push(`${message.eventId} is not the deterministic id of its transition`);
    }
    const key = `${message.profileId}|${message.audienceId}`;
    actual.set(key, [
      ...(actual.get(key) ?? []),
      { callType: message.callType, membershipVersion: message.membershipVersion, projected: message.projected },
    ]);
  }
  for (const key of new Set([...expected.keys(), ...actual.keys()])) {
    const want = canonicalJson(expected.get(key) ?? []);
    const got = canonicalJson(actual.get(key) ?? []);
    if (want !== got) mismatches.push(`${key}\n  expected ${want}\n  actual   ${got}`);
  }
  return { mismatches, unique: first.size, duplicates };
}

export function countExpected(expected: ReadonlyMap<string, ExpectedTransition[]>): number {
  let total = 0;
  for (const list of expected.values()) total += list.length;
  return total;
}

/** JSON with object keys sorted: the outbox stores messages as jsonb, which does not keep key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
