import type { BehavioralEventMessage, ProfileChangeMessage, ProfileInputMessage } from '@activation/contracts';
import type { AudienceIndex } from '../audiences/audience-index';
import type { CompiledAudience } from '../audiences/compiled-audience';
import { sameValues } from '../membership/decide-transition';
import { getAtPath, setAtPath, unsetAtPath } from './attribute-paths';
import type { ProfileWorkingState } from './profile-state';

export type AppliedInput =
  | { kind: 'deleted' }
  | { kind: 'changed'; affected: Set<CompiledAudience> };

/**
 * Applies one input to the profile in memory. `set` keys and `unset` entries are dot paths; a set
 * value replaces what was at its path. Identifiers replace the ids of each partner number given.
 * Any input for a deleted profile starts it again from empty. Returns the audiences it may affect:
 * those reading or projecting a path whose value changed, or the event's name.
 */
export function applyInput(state: ProfileWorkingState, input: ProfileInputMessage, index: AudienceIndex): AppliedInput {
  state.dirty = true;
  state.version += 1;
  if (input.kind === 'profile-change' && input.deleted === true) {
    deleteProfile(state);
    state.changedAt = input.changedAt;
    return { kind: 'deleted' };
  }
  if (state.deleted) state.deleted = false;
  const affected = new Set<CompiledAudience>();
  if (input.kind === 'profile-change') applyChange(state, input, index, affected);
  else applyEvent(state, input, index, affected);
  return { kind: 'changed', affected };
}

function applyChange(
  state: ProfileWorkingState,
  change: ProfileChangeMessage,
  index: AudienceIndex,
  affected: Set<CompiledAudience>,
): void {
  // Only paths whose value changed can change a membership: re-sent values evaluate nothing.
  const paths: string[] = [];
  for (const [path, value] of Object.entries(change.set ?? {})) {
    if (sameValues(getAtPath(state.attributes, path), value)) continue;
    setAtPath(state.attributes, path, value);
    paths.push(path);
  }
  for (const path of change.unset ?? []) {
    if (getAtPath(state.attributes, path) === undefined) continue;
    unsetAtPath(state.attributes, path);
    paths.push(path);
  }
  for (const [partner, ids] of Object.entries(change.identifiers ?? {})) {
    if (ids.length === 0) delete state.identifiers[partner];
    else state.identifiers[partner] = [...ids];
  }
  state.changedAt = change.changedAt;
  index.affectedByPaths(paths, affected);
}

function applyEvent(
  state: ProfileWorkingState,
  event: BehavioralEventMessage,
  index: AudienceIndex,
  affected: Set<CompiledAudience>,
): void {
  state.events.push({ name: event.name, time: event.occurredAt, properties: event.properties });
  state.newEvents.push({
    eventId: event.eventId, profileId: event.profileId, name: event.name, occurredAt: event.occurredAt,
    properties: event.properties,
  });
  for (const audience of index.affectedByEvent(event.name)) affected.add(audience);
}

function deleteProfile(state: ProfileWorkingState): void {
  state.deleted = true;
  state.attributes = {};
  state.identifiers = {};
  state.events = [];
  state.newEvents = [];
  state.eventsCleared = true;
}
