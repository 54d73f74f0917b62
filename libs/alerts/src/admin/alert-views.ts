import type { AlertChannel } from '../model/alert-channel';
import type { AlertRule, AlertState } from '../model/alert-rule';

/** A channel as the API shows it: secret names only, never their values. */
export function channelView(channel: AlertChannel) {
  return {
    id: channel.id,
    syncId: channel.subscriptionId,
    name: channel.name,
    kind: channel.kind,
    settings: channel.settings,
    secretNames: Object.keys(channel.secrets).sort(),
    createdAt: channel.createdAt.toISOString(),
    updatedAt: channel.updatedAt.toISOString(),
  };
}

export function ruleView(rule: AlertRule, state: AlertState | undefined) {
  return {
    id: rule.id,
    syncId: rule.subscriptionId,
    name: rule.name,
    kind: rule.kind,
    settings: rule.settings,
    channelIds: rule.channelIds,
    enabled: rule.enabled,
    state: state
      ? {
          status: state.status,
          summary: state.summary,
          changedAt: state.changedAt.toISOString(),
          evaluatedAt: state.evaluatedAt.toISOString(),
          pendingChannelIds: state.pendingChannels,
          lastNotifyError: state.lastNotifyError,
        }
      : null,
    createdAt: rule.createdAt.toISOString(),
    updatedAt: rule.updatedAt.toISOString(),
  };
}
