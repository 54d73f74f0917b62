import type { MembershipCause } from '@activation/contracts';
import type { AudienceIndex } from '../audiences/audience-index';
import { projectVariables, type AudienceIdentity, type CompiledAudience } from '../audiences/compiled-audience';
import type { ProfileWorkingState } from '../profile/profile-state';
import { decideTransition, removal, type TransitionDecision } from './decide-transition';
import type { MembershipTransition } from './transition';

export interface TransitionContext {
  now: number;
  timestamp: number;
  cause: MembershipCause;
  backfill: boolean;
  traceparent?: string;
  /** When the platform accepted the causing input (end-to-end latency starts there). */
  receivedAt?: number;
}

/**
 * Evaluates one audience for one profile and records the transition, if any, in the profile's
 * memberships. A membership already evaluated with a newer audience version is left alone, so a
 * process that has not seen an audience edit yet cannot undo what the edit decided.
 */
export function evaluateMembership(
  state: ProfileWorkingState,
  audience: CompiledAudience,
  context: TransitionContext,
): MembershipTransition | undefined {
  const stored = state.memberships.get(audience.id);
  if (stored && stored.audienceVersion > audience.version) return undefined;
  const qualifies = audience.rule.evaluate(state, context.now);
  const projected = qualifies ? projectVariables(state.attributes, audience.projectedPaths) : undefined;
  const decision = decideTransition(audience, stored, qualifies, projected, context.timestamp);
  return decision && record(state, audience, decision, context);
}

/** REMOVED for every audience the profile is a member of (the profile was deleted). */
export function removeAllMemberships(
  state: ProfileWorkingState,
  index: AudienceIndex,
  context: TransitionContext,
): MembershipTransition[] {
  const transitions: MembershipTransition[] = [];
  for (const stored of state.memberships.values()) {
    if (!stored.member) continue;
    const audience = index.identity(stored.audienceId);
    const transition = audience && removeMembership(state, audience, context);
    if (transition) transitions.push(transition);
  }
  return transitions;
}

/** REMOVED for one audience if the profile is a member of it (the audience was deleted). */
export function removeMembership(
  state: ProfileWorkingState,
  audience: AudienceIdentity,
  context: TransitionContext,
): MembershipTransition | undefined {
  const stored = state.memberships.get(audience.id);
  if (!stored?.member) return undefined;
  return record(state, audience, removal(stored, audience.version, context.timestamp), context);
}

function record(
  state: ProfileWorkingState,
  audience: AudienceIdentity,
  decision: TransitionDecision,
  context: TransitionContext,
): MembershipTransition {
  state.memberships.set(audience.id, decision.next);
  state.changedMemberships.add(audience.id);
  return {
    kind: 'transition',
    profileId: state.profileId,
    audience: { id: audience.id, number: audience.number, slug: audience.slug, version: audience.version },
    callType: decision.callType,
    membership: decision.next,
    projected: decision.projected,
    // A shallow copy is a snapshot: applying an input replaces identifier arrays, never edits them.
    identifiers: { ...state.identifiers },
    timestamp: context.timestamp,
    cause: context.cause,
    backfill: context.backfill,
    traceparent: context.traceparent,
    receivedAt: context.receivedAt,
  };
}

/** The earliest time at which any of `audiences` could change for this profile by time alone. */
export function nextDueAt(state: ProfileWorkingState, audiences: Iterable<CompiledAudience>, now: number): number | null {
  if (state.deleted) return null;
  let due: number | null = null;
  for (const audience of audiences) {
    const next = audience.rule.nextChangeAt(state, now);
    if (next !== null && (due === null || next < due)) due = next;
  }
  return due;
}
