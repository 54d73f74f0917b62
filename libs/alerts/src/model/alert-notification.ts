import type { AlertRuleKind } from './alert-rule';

/** What every channel is told when a rule starts firing or resolves. */
export interface AlertNotification {
  ruleId: number;
  ruleName: string;
  kind: AlertRuleKind;
  status: 'firing' | 'resolved';
  syncId: number;
  subscriptionName: string;
  summary: string;
  /** ISO time of the change of status. */
  at: string;
}

export function notificationTitle(notification: AlertNotification): string {
  const label = notification.status === 'firing' ? 'FIRING' : 'RESOLVED';
  return `[${label}] ${notification.ruleName} - subscription ${notification.syncId} (${notification.subscriptionName})`;
}

export function notificationText(notification: AlertNotification): string {
  return `${notificationTitle(notification)}: ${notification.summary}`;
}
