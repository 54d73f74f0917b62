import type { AlertRuleKind, AlertRuleSettings, LagSettings, RejectedRateSettings, SyncFailingSettings } from '../model/alert-rule';
import type { SubscriptionFacts } from './subscription-facts';

export interface Verdict {
  breached: boolean;
  /** One line for people: what was measured against what. */
  summary: string;
}

/** Whether a rule's condition holds now, given the subscription's delivery facts (pure). */
export function judgeRule(kind: AlertRuleKind, settings: AlertRuleSettings, facts: SubscriptionFacts, now: number): Verdict {
  switch (kind) {
    case 'sync-failing':
      return judgeSyncFailing(settings as SyncFailingSettings, facts, now);
    case 'rejected-rate':
      return judgeRejectedRate(settings as RejectedRateSettings, facts);
    case 'lag':
      return judgeLag(settings as LagSettings, facts, now);
  }
}

function judgeSyncFailing(settings: SyncFailingSettings, facts: SubscriptionFacts, now: number): Verdict {
  const reasons: string[] = [];
  const failedInARow = countWhile(facts.recentRuns, (run) => run.delivered === 0);
  if (settings.consecutiveFailedRuns !== undefined && failedInARow >= settings.consecutiveFailedRuns) {
    reasons.push(`the last ${failedInARow} sync runs delivered no row (limit ${settings.consecutiveFailedRuns})`);
  }
  const failingForMs = facts.failingSince === null ? 0 : now - facts.failingSince;
  if (settings.failingForSeconds !== undefined && facts.failingSince !== null && failingForMs >= settings.failingForSeconds * 1_000) {
    reasons.push(`every call has failed for ${Math.round(failingForMs / 1_000)} s (limit ${settings.failingForSeconds} s)`);
  }
  if (reasons.length > 0) return { breached: true, summary: `Sync failing: ${reasons.join('; ')}.` };
  return { breached: false, summary: `Sync healthy: ${failedInARow} failed runs in a row, ${facts.failingSince === null ? 'not failing' : `failing for ${Math.round(failingForMs / 1_000)} s`}.` };
}

function judgeRejectedRate(settings: RejectedRateSettings, facts: SubscriptionFacts): Verdict {
  const { rows, rejected } = facts.window ?? { rows: 0, rejected: 0 };
  const rate = rows === 0 ? 0 : rejected / rows;
  const measured = `${rejected} of ${rows} rows rejected in the last ${settings.windowSeconds} s (${percent(rate)}, threshold ${percent(settings.threshold)})`;
  const breached = rows >= settings.minRows && rate > settings.threshold;
  return { breached, summary: breached ? `Rejected-row rate too high: ${measured}.` : `Rejected-row rate normal: ${measured}.` };
}

function judgeLag(settings: LagSettings, facts: SubscriptionFacts, now: number): Verdict {
  const ageSeconds = facts.oldestQueuedAt === null ? 0 : Math.max(0, Math.round((now - facts.oldestQueuedAt) / 1_000));
  const reasons: string[] = [];
  if (settings.maxAgeSeconds !== undefined && ageSeconds > settings.maxAgeSeconds) {
    reasons.push(`the oldest undelivered row has waited ${ageSeconds} s (limit ${settings.maxAgeSeconds} s)`);
  }
  if (settings.maxQueuedRows !== undefined && facts.queuedRows > settings.maxQueuedRows) {
    reasons.push(`${facts.queuedRows} rows are queued (limit ${settings.maxQueuedRows})`);
  }
  if (reasons.length > 0) return { breached: true, summary: `Delivery lagging: ${reasons.join('; ')}.` };
  return { breached: false, summary: `Delivery keeping up: ${facts.queuedRows} rows queued, oldest ${ageSeconds} s.` };
}

function countWhile<T>(items: readonly T[], test: (item: T) => boolean): number {
  let count = 0;
  while (count < items.length && test(items[count])) count += 1;
  return count;
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}
