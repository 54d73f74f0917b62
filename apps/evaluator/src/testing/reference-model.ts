import { compileRule, type EventRecord } from '@activation/audience-rules';
import type { AudienceDefinition, ProfileInputMessage } from '@activation/contracts';

export interface ExpectedTransition {
  callType: 'NEW' | 'MODIFIED' | 'REMOVED';
  membershipVersion: number;
  projected: Record<string, unknown>;
}

interface ModelProfile {
  attributes: Record<string, unknown>;
  events: EventRecord[];
  membership: Map<string, { member: boolean; version: number; projected: Record<string, unknown> }>;
}

/**
 * What the evaluator must emit, computed from the inputs alone and written independently of it:
 * every audience is evaluated after every input (the evaluator only evaluates the audiences the
 * input can affect), at a fixed `now`. Keyed by `profileId|audienceId`.
 */
export function expectedTransitions(
  audiences: AudienceDefinition[],
  inputs: ProfileInputMessage[],
  now: number,
): Map<string, ExpectedTransition[]> {
  const compiled = audiences.map((audience) => ({ audience, rule: compileRule(audience.rule) }));
  const profiles = new Map<string, ModelProfile>();
  const expected = new Map<string, ExpectedTransition[]>();
  const emit = (profileId: string, audienceId: string, transition: ExpectedTransition) => {
    const key = `${profileId}|${audienceId}`;
    expected.set(key, [...(expected.get(key) ?? []), transition]);
  };
  for (const input of inputs) {
    const profile: ModelProfile = profiles.get(input.profileId) ?? { attributes: {}, events: [], membership: new Map() };
    profiles.set(input.profileId, profile);
    if (input.kind === 'profile-change' && input.deleted) {
      for (const [audienceId, state] of profile.membership) {
        if (!state.member) continue;
        state.member = false;
        state.version += 1;
        emit(input.profileId, audienceId, { callType: 'REMOVED', membershipVersion: state.version, projected: state.projected });
      }
      profile.attributes = {};
      profile.events = [];
      continue;
    }
    if (input.kind === 'event') profile.events.push({ name: input.name, time: input.occurredAt, properties: input.properties });
    else {
      for (const [path, value] of Object.entries(input.set ?? {})) write(profile.attributes, path.split('.'), JSON.parse(JSON.stringify(value)));
      for (const path of input.unset ?? []) erase(profile.attributes, path.split('.'));
    }
    for (const { audience, rule } of compiled) {
      const state = profile.membership.get(audience.id) ?? { member: false, version: 0, projected: {} };
      profile.membership.set(audience.id, state);
      const qualifies = rule.evaluate(profile, now);
      const projected = Object.fromEntries(audience.projectedVariables.map((path) => [path, read(profile.attributes, path) ?? null]));
      if (qualifies && !state.member) {
        Object.assign(state, { member: true, version: state.version + 1, projected });
        emit(input.profileId, audience.id, { callType: 'NEW', membershipVersion: state.version, projected });
      } else if (qualifies && JSON.stringify(projected) !== JSON.stringify(state.projected)) {
        Object.assign(state, { version: state.version + 1, projected });
        emit(input.profileId, audience.id, { callType: 'MODIFIED', membershipVersion: state.version, projected });
      } else if (!qualifies && state.member) {
        Object.assign(state, { member: false, version: state.version + 1 });
        emit(input.profileId, audience.id, { callType: 'REMOVED', membershipVersion: state.version, projected: state.projected });
      }
    }
  }
  return expected;
}

function read(source: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), source);
}

function write(target: Record<string, unknown>, [head, ...rest]: string[], value: unknown): void {
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const child = target[head];
  if (child === null || typeof child !== 'object' || Array.isArray(child)) target[head] = {};
  write(target[head] as Record<string, unknown>, rest, value);
}

function erase(target: Record<string, unknown>, [head, ...rest]: string[]): void {
  if (rest.length === 0) {
    delete target[head];
    return;
  }
  const child = target[head];
  if (child !== null && typeof child === 'object') erase(child as Record<string, unknown>, rest);
}
