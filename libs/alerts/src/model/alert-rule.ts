export const ALERT_RULE_KINDS = ['sync-failing', 'rejected-rate', 'lag'] as const;
export type AlertRuleKind = (typeof ALERT_RULE_KINDS)[number];

/** Fires after N finished runs in a row delivered nothing, or once the subscription has been failing for X seconds. */
export interface SyncFailingSettings {
  consecutiveFailedRuns?: number;
  failingForSeconds?: number;
}

/** Fires when more than `threshold` (0..1) of the rows sent in the last `windowSeconds` were rejected. */
export interface RejectedRateSettings {
  threshold: number;
  windowSeconds: number;
  /** Fewer rows than this in the window never fire (one rejected row of two is noise). */
  minRows: number;
}

/** Fires when the oldest undelivered row waits longer than `maxAgeSeconds`, or more than `maxQueuedRows` wait. */
export interface LagSettings {
  maxAgeSeconds?: number;
  maxQueuedRows?: number;
}

export type AlertRuleSettings = SyncFailingSettings | RejectedRateSettings | LagSettings;

export interface AlertRule {
  id: number;
  subscriptionId: number;
  name: string;
  kind: AlertRuleKind;
  settings: AlertRuleSettings;
  channelIds: number[];
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type AlertStatus = 'ok' | 'firing';

export interface AlertState {
  ruleId: number;
  status: AlertStatus;
  summary: string;
  changedAt: Date;
  evaluatedAt: Date;
  /** Channels still owed the notification of the last change of status. */
  pendingChannels: number[];
  lastNotifyError: string | null;
}
