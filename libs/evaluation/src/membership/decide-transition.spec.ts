import { decideTransition, sameValues } from './decide-transition';
import type { MembershipState } from './membership-state';

const audience = { id: 'a', version: 2 };
const member: MembershipState = {
  audienceId: 'a', member: true, membershipVersion: 3, audienceVersion: 2, projected: { email: 'x' }, enteredAt: 10, exitedAt: null,
};

describe('decideTransition', () => {
  it.each([
    ['NEW when qualifying for the first time', undefined, true, { email: 'x' }, 'NEW', 1],
    ['NEW when qualifying again after leaving', { ...member, member: false }, true, { email: 'x' }, 'NEW', 4],
    ['MODIFIED when a projected value changed', member, true, { email: 'y' }, 'MODIFIED', 4],
    ['REMOVED when no longer qualifying', member, false, undefined, 'REMOVED', 4],
  ] as const)('%s', (_name, stored, qualifies, projected, callType, version) => {
    const decision = decideTransition(audience, stored, qualifies, projected ? { ...projected } : undefined, 99);
    expect(decision?.callType).toBe(callType);
    expect(decision?.next.membershipVersion).toBe(version);
  });

  it.each([
    ['a member whose projected values are unchanged', member, true, { email: 'x' }],
    ['a non-member who still does not qualify', { ...member, member: false }, false, undefined],
    ['a profile never seen that does not qualify', undefined, false, undefined],
  ] as const)('emits nothing for %s', (_name, stored, qualifies, projected) => {
    expect(decideTransition(audience, stored, qualifies, projected ? { ...projected } : undefined, 99)).toBeUndefined();
  });

  it('carries the last projected values and the exit time on REMOVED, and keeps the entry time', () => {
    const decision = decideTransition(audience, member, false, undefined, 99);
    expect(decision).toMatchObject({ projected: { email: 'x' }, next: { member: false, enteredAt: 10, exitedAt: 99 } });
  });

  it('compares projected values deeply, whatever the key order', () => {
    expect(sameValues({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameValues({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameValues({ a: null }, {})).toBe(false);
  });
});
