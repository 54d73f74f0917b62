import { deterministicEventId, type AudienceDefinition, type ProfileInputMessage } from '@activation/contracts';

export const WORKLOAD_NOW = Date.UTC(2025, 5, 1);
const DAY = 86_400_000;

/** Audiences over attributes, event windows, "did not" conditions and nested logic. */
export const WORKLOAD_AUDIENCES: AudienceDefinition[] = [
  { id: 'adults', rule: { attribute: 'age', operator: 'greaterThanOrEqual', value: 18 }, projectedVariables: ['email', 'tier'] },
  { id: 'gold', rule: { attribute: 'tier', operator: 'equals', value: 'gold' }, projectedVariables: ['score'] },
  { id: 'buyers', rule: { event: 'purchase', count: { atLeast: 2 }, withinLastDays: 30 }, projectedVariables: ['email'] },
  {
    id: 'engaged',
    rule: { any: [{ event: 'login', count: { atLeast: 3 }, withinLastDays: 14 }, { attribute: 'score', operator: 'greaterThan', value: 80 }] },
    projectedVariables: ['score', 'address.city'],
  },
  {
    id: 'quiet',
    rule: { all: [{ attribute: 'email', operator: 'exists' }, { event: 'purchase', count: { atMost: 0 }, withinLastDays: 30 }] },
    projectedVariables: [],
  },
].map((audience, index) => ({
  ...audience, number: index + 1, slug: audience.id, name: audience.id, version: 1, status: 'active' as const, updatedAt: WORKLOAD_NOW - DAY,
}));

/** A small deterministic generator (mulberry32), so a failing run can be repeated exactly. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` changes and events over `profiles` profiles, with deletions, unsets and nested paths. */
export function mixedWorkload(count: number, profiles: number, seed = 7): ProfileInputMessage[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const inputs: ProfileInputMessage[] = [];
  for (let index = 0; index < count; index += 1) {
    const profileId = `profile-${Math.floor(next() * profiles)}`;
    const eventId = deterministicEventId('workload', seed, index);
    const time = WORKLOAD_NOW - Math.floor(next() * 40 * DAY);
    const roll = next();
    const base = { eventId, version: 1, profileId, receivedAt: WORKLOAD_NOW, source: 'workload' };
    if (roll < 0.45) {
      inputs.push({ ...base, kind: 'event', name: pick(['purchase', 'login', 'page_view']), occurredAt: time, properties: { n: index } });
    } else if (roll < 0.47) {
      inputs.push({ ...base, kind: 'profile-change', deleted: true, changedAt: time });
    } else if (roll < 0.52) {
      inputs.push({ ...base, kind: 'profile-change', unset: [pick(['email', 'tier', 'score', 'address.city'])], changedAt: time });
    } else {
      const set: Record<string, unknown> = {};
      const fields = 1 + Math.floor(next() * 3);
      for (let field = 0; field < fields; field += 1) {
        const name = pick(['age', 'tier', 'email', 'score', 'address.city', 'address', 'nickname']);
        if (name === 'age') set['age'] = Math.floor(next() * 60);
        else if (name === 'tier') set['tier'] = pick(['gold', 'silver', 'bronze']);
        else if (name === 'email') set['email'] = `${profileId}+${Math.floor(next() * 3)}@example.com`;
        else if (name === 'score') set['score'] = Math.floor(next() * 100);
        else if (name === 'address.city') set['address.city'] = pick(['Oslo', 'Bergen', 'Tromsø']);
        else if (name === 'address') set['address'] = { city: pick(['Oslo', 'Bergen']), zip: '0150' };
        else set['nickname'] = `n${Math.floor(next() * 5)}`;
      }
      inputs.push({ ...base, kind: 'profile-change', set, identifiers: { '42': [profileId] }, changedAt: time });
    }
  }
  return inputs;
}
