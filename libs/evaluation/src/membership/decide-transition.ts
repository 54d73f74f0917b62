import type { CallType } from '@activation/contracts';
import type { MembershipState } from './membership-state';

export interface TransitionDecision {
  callType: CallType;
  /** The membership after the transition (its version already incremented). */
  next: MembershipState;
  /** The projected values the message carries: new ones, or the last ones for REMOVED. */
  projected: Record<string, unknown>;
}

/**
 * Compares a fresh evaluation with the stored membership. NEW when the profile now qualifies and
 * did not, MODIFIED when it still does and a projected variable changed, REMOVED when it no longer
 * does (carrying the last projected values); nothing otherwise.
 */
export function decideTransition(
  audience: { id: string; version: number },
  stored: MembershipState | undefined,
  qualifies: boolean,
  projected: Record<string, unknown> | undefined,
  timestamp: number,
): TransitionDecision | undefined {
  const wasMember = stored?.member ?? false;
  const version = (stored?.membershipVersion ?? 0) + 1;
  if (qualifies && !wasMember) {
    const values = projected ?? {};
    return {
      callType: 'NEW',
      projected: values,
      next: {
        audienceId: audience.id, member: true, membershipVersion: version, audienceVersion: audience.version,
        projected: values, enteredAt: timestamp, exitedAt: null,
      },
    };
  }
  if (qualifies && stored && !sameValues(stored.projected, projected ?? {})) {
    const values = projected ?? {};
    return {
      callType: 'MODIFIED',
      projected: values,
      next: { ...stored, membershipVersion: version, audienceVersion: audience.version, projected: values },
    };
  }
  if (!qualifies && stored && wasMember) return removal(stored, audience.version, timestamp);
  return undefined;
}

/** REMOVED with the last projected values (a profile leaving, deleted, or its audience deleted). */
export function removal(stored: MembershipState, audienceVersion: number, timestamp: number): TransitionDecision {
  return {
    callType: 'REMOVED',
    projected: stored.projected,
    next: {
      ...stored, member: false, membershipVersion: stored.membershipVersion + 1, audienceVersion, exitedAt: timestamp,
    },
  };
}

/** Deep equality of JSON values, independent of key order. */
export function sameValues(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  if (Array.isArray(left)) {
    const other = right as unknown[];
    return left.length === other.length && left.every((value, index) => sameValues(value, other[index]));
  }
  const leftKeys = Object.keys(left);
  const rightRecord = right as Record<string, unknown>;
  if (leftKeys.length !== Object.keys(rightRecord).length) return false;
  return leftKeys.every((key) => key in rightRecord && sameValues((left as Record<string, unknown>)[key], rightRecord[key]));
}
