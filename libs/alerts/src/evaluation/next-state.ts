import type { AlertState, AlertStatus } from '../model/alert-rule';
import type { Verdict } from './judge-rule';

export interface StateChange {
  status: AlertStatus;
  summary: string;
  /** The status changed: these channels are owed a notification (firing or resolved). */
  changed: boolean;
  pendingChannels: number[];
}

/**
 * The rule's next state. Only a change of status notifies: a rule that keeps firing stays quiet,
 * and a rule seen for the first time while fine says nothing. A change clears whatever was still
 * owed for the previous change (the latest status is what matters).
 */
export function nextState(previous: AlertState | undefined, verdict: Verdict, channelIds: readonly number[]): StateChange {
  const status: AlertStatus = verdict.breached ? 'firing' : 'ok';
  const changed = (previous?.status ?? 'ok') !== status;
  return {
    status,
    summary: verdict.summary,
    changed,
    pendingChannels: changed ? [...channelIds] : (previous?.pendingChannels ?? []).filter((id) => channelIds.includes(id)),
  };
}
