import type { ConsumedMessage } from '@activation/kafka';

export interface FoldedProfile {
  attributes: Record<string, unknown>;
  identifiers: Record<string, string[]>;
}

/**
 * Applies profile-change messages the way the profile store does (per key in offset order,
 * each event id once), so specs can compare the end result with the source's data.
 */
export function foldProfiles(messages: ConsumedMessage[]): Map<string, FoldedProfile> {
  const ordered = [...messages].sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  const seen = new Set<string>();
  const profiles = new Map<string, FoldedProfile>();
  for (const message of ordered) {
    const change = JSON.parse((message.value as Buffer).toString('utf8')) as {
      eventId: string; profileId: string; set?: Record<string, unknown>; unset?: string[];
      identifiers?: Record<string, string[]>; deleted?: boolean;
    };
    if (seen.has(change.eventId)) continue;
    seen.add(change.eventId);
    if (change.deleted) { profiles.delete(change.profileId); continue; }
    const profile = profiles.get(change.profileId) ?? { attributes: {}, identifiers: {} };
    Object.assign(profile.attributes, change.set ?? {});
    for (const name of change.unset ?? []) delete profile.attributes[name];
    Object.assign(profile.identifiers, change.identifiers ?? {});
    profiles.set(change.profileId, profile);
  }
  return profiles;
}
