import type { CallType } from '@activation/contracts';
import type { QueuedRow } from '@activation/delivery';
import type { AudienceMessage } from '../message/audience-message';
import { planMessages } from './plan-messages';

const context = { partnerNumber: 33, siteNumber: 1, sourceName: 's', data: {} };
const row = (profileId: string, callType: CallType, ids: string[]): QueuedRow => ({
  id: `${profileId}-${callType}`, subscriptionId: 1, primaryKey: profileId, membershipVersion: 1, callType, eventId: 'e', origin: 'stream', replayId: null,
  values: {},
  envelope: {
    profileId, audienceId: 'a', audienceNumber: 1, audienceSlug: 'a', audienceVersion: 1, identifiers: ids.length > 0 ? { '33': ids } : {},
    timestamp: 0, enteredAt: 0, exitedAt: null, kind: 'transition', backfill: false,
  },
  eventTime: 0, stagedAt: 0, attempts: 0, runAttempts: 0, lastRunId: null, deferred: false, firstFailedAt: null,
});
const sent = (plans: ReturnType<typeof planMessages>) =>
  plans.map((plan) => plan.events.map((event) => `${(event.body as AudienceMessage).callType} ${(event.body as AudienceMessage).partnerIds[0]}`));

describe('planMessages', () => {
  it('sends a REMOVED for each partner id the profile no longer has, before the row\'s own messages, and remembers the new ids', () => {
    const plans = planMessages([row('p', 'MODIFIED', ['5', '6'])], context, new Map([['p', ['4', '5']]]));
    expect(sent(plans)).toEqual([['REMOVED 4', 'MODIFIED 5', 'MODIFIED 6']]);
    expect(plans[0]).toMatchObject({ vanishedIds: ['4'], skipped: false, memory: { profileId: 'p', partnerIds: ['5', '6'] } });
  });

  it('a member that lost every id: the ids last sent are removed and the profile forgotten; without ids ever sent it is skipped', () => {
    const plans = planMessages([row('p', 'MODIFIED', []), row('q', 'NEW', [])], context, new Map([['p', ['4']]]));
    expect(sent(plans)).toEqual([['REMOVED 4'], []]);
    expect(plans[0]).toMatchObject({ skipped: false, memory: { profileId: 'p' } });
    expect(plans[0].memory?.partnerIds).toBeUndefined();
    expect(plans[1]).toMatchObject({ skipped: true });
    expect(plans[1].memory).toBeUndefined();
  });

  it('a REMOVED goes out for its event\'s ids and those last sent; with none in its event, for those last sent only', () => {
    const plans = planMessages([row('p', 'REMOVED', ['5']), row('q', 'REMOVED', [])], context, new Map([['p', ['4']], ['q', ['7']]]));
    expect(sent(plans)).toEqual([['REMOVED 5', 'REMOVED 4'], ['REMOVED 7']]);
    expect(plans.map((plan) => plan.recalled)).toEqual([false, true]);
    expect(plans.map((plan) => plan.memory)).toEqual([{ profileId: 'p' }, { profileId: 'q' }]);
  });

  it('rows of one profile in one call see the ids the previous row sent', () => {
    const plans = planMessages([row('p', 'NEW', ['4']), row('p', 'MODIFIED', ['5'])], context, new Map());
    expect(sent(plans)).toEqual([['NEW 4'], ['REMOVED 4', 'MODIFIED 5']]);
  });
});
