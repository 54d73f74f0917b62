import { AudienceIndex } from '../audiences/audience-index';
import type { CompiledAudience } from '../audiences/compiled-audience';
import type { ProfileWorkingState } from '../profile/profile-state';
import type { Queryable } from '../repositories/queryable';
import type { EvaluationRepositories } from './evaluation-repositories';

/**
 * Loads the profiles, their memberships (all, or one audience's) and the events that `audiences`
 * can read at `now` (only for `needEvents` profiles). Callers hold the profiles' locks.
 */
export async function loadWorkingStates(
  repositories: EvaluationRepositories,
  manager: Queryable,
  options: {
    profileIds: readonly string[];
    needEvents: readonly string[];
    audiences: Iterable<CompiledAudience>;
    now: number;
    membershipsOf?: string;
  },
): Promise<Map<string, ProfileWorkingState>> {
  const { profileIds, now } = options;
  const states = await repositories.profiles.load(manager, profileIds);
  const memberships = await repositories.memberships.load(manager, profileIds, options.membershipsOf);
  for (const [profileId, byAudience] of memberships) {
    const state = states.get(profileId);
    if (state) state.memberships = byAudience;
  }
  const audiences = [...options.audiences];
  const names = [...new Set(audiences.flatMap((audience) => audience.eventNames))];
  if (options.needEvents.length > 0 && names.length > 0) {
    const since = AudienceIndex.historyStart(audiences, now);
    const events = await repositories.events.load(manager, options.needEvents, names, since);
    for (const [profileId, list] of events) {
      const state = states.get(profileId);
      if (state && !state.deleted) state.events = list;
    }
  }
  return states;
}
