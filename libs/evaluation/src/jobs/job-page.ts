import { deterministicEventId, type AudienceDefinition } from '@activation/contracts';
import type { CompiledAudience } from '../audiences/compiled-audience';
import { identityOf } from '../audiences/compiled-audience';
import { evaluateMembership, nextDueAt, removeMembership, type TransitionContext } from '../membership/evaluate-membership';
import type { MembershipTransition } from '../membership/transition';
import type { ProfileWorkingState } from '../profile/profile-state';
import type { DueProfile } from '../repositories/schedule-repository';
import type { JobRecord } from '../repositories/job-repository';

export interface PageOutcome {
  transitions: MembershipTransition[];
  dueLowered: DueProfile[];
}

/** The cause every transition of an audience change shares: the same for every replay of the job. */
export function audienceChangeContext(definition: AudienceDefinition, now: number): TransitionContext {
  return {
    now,
    timestamp: definition.updatedAt,
    cause: {
      kind: 'audience-change',
      inputEventId: deterministicEventId('audience-change', definition.id, definition.version, definition.updatedAt),
    },
    backfill: true,
  };
}

/** Re-evaluates one audience for a page of profiles (audience created or changed). */
export function backfillPage(states: Iterable<ProfileWorkingState>, audience: CompiledAudience, now: number): PageOutcome {
  const context = audienceChangeContext(audience.definition, now);
  const outcome: PageOutcome = { transitions: [], dueLowered: [] };
  for (const state of states) {
    if (state.deleted) continue;
    const transition = evaluateMembership(state, audience, context);
    if (transition) outcome.transitions.push(transition);
    const dueAt = nextDueAt(state, [audience], now);
    if (dueAt !== null) outcome.dueLowered.push({ profileId: state.profileId, dueAt });
  }
  return outcome;
}

/** REMOVED, with the last projected values, for the members of a deleted or archived audience. */
export function removalPage(states: Iterable<ProfileWorkingState>, definition: AudienceDefinition, now: number): PageOutcome {
  const context = audienceChangeContext(definition, now);
  const audience = identityOf(definition);
  const transitions: MembershipTransition[] = [];
  for (const state of states) {
    const transition = removeMembership(state, audience, context);
    if (transition) transitions.push(transition);
  }
  return { transitions, dueLowered: [] };
}

/** One snapshot row per current member, addressed to the requesting subscription only. */
export function snapshotPage(states: Iterable<ProfileWorkingState>, job: JobRecord): PageOutcome {
  const audience = identityOf(job.definition);
  const transitions: MembershipTransition[] = [];
  for (const state of states) {
    const membership = state.memberships.get(audience.id);
    if (!membership?.member) continue;
    transitions.push({
      kind: 'snapshot',
      profileId: state.profileId,
      audience,
      callType: 'NEW',
      membership,
      projected: membership.projected,
      identifiers: state.identifiers,
      timestamp: job.requestedAt,
      cause: { kind: 'snapshot', inputEventId: job.requestId ?? job.jobKey },
      backfill: false,
      targetSubscriptionId: job.targetSubscriptionId,
      snapshotRequestId: job.requestId ?? job.jobKey,
    });
  }
  return { transitions, dueLowered: [] };
}
