import type { CallType } from '@activation/contracts';
import { deliverySubscription, membershipEvent } from '../testing/membership-fixtures';
import { routeMembership } from './route-membership';

const ALL: ReadonlySet<CallType> = new Set(['NEW', 'MODIFIED', 'REMOVED']);

describe('routeMembership', () => {
  const audienceId = 'aud-1';
  const projection = { fields: ['email', 'tier'], rename: { tier: 'level' }, hash: ['email'] };
  const first = deliverySubscription({ id: 1, audienceId, projection });
  const second = deliverySubscription({ id: 2, audienceId, projection: { fields: ['tier'] } });
  const other = deliverySubscription({ id: 3, audienceId: 'aud-2' });

  it('gives each subscription of the audience its own projection of the event', () => {
    const rows = routeMembership(
      membershipEvent({ audienceId, profileId: 'p1', projected: { email: 'a@b.c', tier: 'gold' }, membershipVersion: 4 }),
      [first, second, other].map((subscription) => ({ subscription, callTypes: ALL })),
    );
    expect(rows.map((row) => [row.subscriptionId, row.values])).toEqual([
      [1, { email: expect.stringMatching(/^[0-9a-f]{64}$/), level: 'gold' }],
      [2, { tier: 'gold' }],
    ]);
    expect(rows[0]).toMatchObject({ primaryKey: 'p1', membershipVersion: 4, callType: 'NEW', origin: 'stream', requiresKnownKey: false });
  });

  it('sends a snapshot row only to the subscription it targets', () => {
    const event = membershipEvent({ audienceId, profileId: 'p1', kind: 'snapshot', targetSubscriptionId: 2 });
    const rows = routeMembership(event, [first, second].map((subscription) => ({ subscription, callTypes: ALL })));
    expect(rows.map((row) => [row.subscriptionId, row.origin])).toEqual([[2, 'snapshot']]);
  });

  it('applies triggers and skips disabled subscriptions', () => {
    const targets = [
      { subscription: first, callTypes: new Set<CallType>(['NEW']) },
      { subscription: { ...second, enabled: false }, callTypes: ALL },
    ];
    expect(routeMembership(membershipEvent({ audienceId, profileId: 'p1', callType: 'REMOVED' }), targets)).toEqual([]);
    expect(routeMembership(membershipEvent({ audienceId, profileId: 'p1', callType: 'NEW' }), targets)).toHaveLength(1);
  });

  it('marks backfill transitions for "future-only" subscriptions as deliverable only for known keys', () => {
    const backfilling = { ...first, initialSync: 'backfill' as const };
    const rows = routeMembership(
      membershipEvent({ audienceId, profileId: 'p1', backfill: true }),
      [first, backfilling].map((subscription) => ({ subscription, callTypes: ALL })),
    );
    expect(rows.map((row) => row.requiresKnownKey)).toEqual([true, false]);
  });

  it('keeps the input that caused the transition, so rows of one evaluation can be told apart', () => {
    const [row] = routeMembership(
      membershipEvent({ audienceId, profileId: 'p1', cause: { inputEventId: 'change-7', kind: 'profile-change' } }),
      [{ subscription: first, callTypes: ALL }],
    );
    expect(row.envelope.evaluationId).toBe('change-7');
  });

  it('keeps a well-formed traceparent of the message in the envelope, and nothing else', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const route = (header?: string) => routeMembership(membershipEvent({ audienceId, profileId: 'p1' }), [{ subscription: first, callTypes: ALL }], undefined, header)[0];
    expect(route(traceparent).envelope.traceparent).toBe(traceparent);
    expect(route('not-a-traceparent').envelope).not.toHaveProperty('traceparent');
    expect(route().envelope).not.toHaveProperty('traceparent');
  });
});
