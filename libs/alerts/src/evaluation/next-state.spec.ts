import type { AlertState } from '../model/alert-rule';
import { nextState } from './next-state';

const state = (status: AlertState['status'], pendingChannels: number[] = []): AlertState => ({
  ruleId: 1, status, summary: '', changedAt: new Date(0), evaluatedAt: new Date(0), pendingChannels, lastNotifyError: null,
});

describe('nextState', () => {
  it('says nothing about a rule first seen fine', () => {
    expect(nextState(undefined, { breached: false, summary: 'ok' }, [1, 2])).toEqual({ status: 'ok', summary: 'ok', changed: false, pendingChannels: [] });
  });

  it('owes every channel a notification when the rule starts firing, and when it resolves', () => {
    expect(nextState(undefined, { breached: true, summary: 'bad' }, [1, 2])).toMatchObject({ status: 'firing', changed: true, pendingChannels: [1, 2] });
    expect(nextState(state('firing'), { breached: false, summary: 'fine' }, [1, 2])).toMatchObject({ status: 'ok', changed: true, pendingChannels: [1, 2] });
  });

  it('does not repeat itself while the rule keeps firing', () => {
    expect(nextState(state('firing'), { breached: true, summary: 'still bad' }, [1, 2])).toMatchObject({ changed: false, pendingChannels: [] });
  });

  it('keeps owing the channels that failed, unless they left the rule', () => {
    expect(nextState(state('firing', [2, 3]), { breached: true, summary: 'still bad' }, [1, 2])).toMatchObject({ changed: false, pendingChannels: [2] });
  });
});
