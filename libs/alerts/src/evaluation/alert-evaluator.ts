import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { SecretCipher } from '@activation/configuration';
import type { AddressPolicy } from '@activation/function-destination';
import { CHANNEL_SENDERS } from '../channels/senders';
import { alertChannelSecretOwner } from '../model/alert-channel';
import type { AlertNotification } from '../model/alert-notification';
import type { AlertRule, AlertState } from '../model/alert-rule';
import { AlertRepository } from '../store/alert-repository';
import { FactsRepository } from '../store/facts-repository';
import { judgeRule, type Verdict } from './judge-rule';
import { nextState } from './next-state';

/** Time beyond the senders' timeouts before another replica may take over an unfinished notification. */
const CLAIM_MARGIN_MS = 5_000;

/** Notifications owed after a rule was judged, and the claim under which this replica sends them. */
interface Owed {
  rule: AlertRule;
  claim: string;
  channelIds: number[];
  notification: AlertNotification;
}

export interface AlertEvaluatorOptions {
  intervalMs: number;
  sendTimeoutMs: number;
}

export interface AlertEvaluatorDeps {
  dataSource: DataSource;
  cipher: SecretCipher;
  /** Addresses the channels may connect to (`DELIVERY_ALLOWED_PRIVATE_NETWORKS`). */
  policy: AddressPolicy;
  logger: Logger;
  options: AlertEvaluatorOptions;
}

/**
 * Judges every enabled rule every `intervalMs` and notifies its channels when its status changes
 * (firing, then resolved; disabling a firing rule resolves it). Any number of replicas, in any
 * of the delivery services, may run one: a rule is judged under a
 * transaction-scoped advisory lock (a replica that cannot take it skips the rule), not again
 * within half an interval, and not while a replica is still sending its notifications (marked in
 * its state), so each change is announced once. Sending happens outside any transaction. Channels
 * that fail stay owed and are tried again at the next evaluation.
 */
export class AlertEvaluator {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private started = false;
  private stopped = false;

  constructor(private readonly deps: AlertEvaluatorDeps) {}

  /** Starts judging every interval; calling it again while started does nothing. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.started = false;
  }

  /** One pass over every enabled rule, and every disabled one still firing or owing notifications. */
  async evaluateAll(): Promise<void> {
    const ruleIds = await new AlertRepository(this.deps.dataSource.manager).ruleIdsToJudge();
    for (const ruleId of ruleIds) {
      if (this.stopped) return;
      try {
        await this.evaluate(ruleId);
      } catch (error) {
        this.deps.logger.warn({ ruleId, reason: error instanceof Error ? error.message : String(error) }, 'alert rule evaluation failed');
      }
    }
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.evaluateAll()
        .catch((error) => this.deps.logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'alert evaluation failed'))
        .finally(() => {
          if (!this.stopped) this.schedule(this.deps.options.intervalMs);
        });
    }, delayMs);
    this.timer.unref();
  }

  /**
   * Judges and records under the rule's lock, in a short transaction; sends afterwards, outside
   * any transaction, having marked the rule as being notified so no other replica sends too.
   */
  private async evaluate(ruleId: number): Promise<void> {
    const owed = await this.deps.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(
        `SELECT pg_try_advisory_xact_lock(hashtext('activation.alert-rule:' || current_schema() || ':' || $1::text)) AS locked`,
        [ruleId],
      );
      if (!locked) return undefined;
      const alerts = new AlertRepository(manager);
      const rule = await alerts.ruleById(ruleId);
      if (!rule) return undefined;
      const previous = (await alerts.states([ruleId])).get(ruleId);
      // A disabled rule is judged once more when it was firing, so its channels hear it resolved.
      if (!rule.enabled && previous?.status !== 'firing' && (previous?.pendingChannels.length ?? 0) === 0) return undefined;
      if ((await this.judgedRecently(manager, ruleId)) || (await alerts.notifying(ruleId))) return undefined;
      const subscription = await subscriptionOf(manager, rule.subscriptionId);
      const verdict: Verdict = !rule.enabled
        ? { breached: false, summary: 'Rule disabled: not evaluated.' }
        : subscription.enabled
          ? judgeRule(rule.kind, rule.settings, await new FactsRepository(manager).factsFor(rule), Date.now())
          : { breached: false, summary: 'Subscription disabled: not evaluated.' };
      const change = nextState(previous, verdict, rule.channelIds);
      await alerts.saveState(rule.id, change);
      if (change.changed) this.deps.logger.info({ ruleId, syncId: rule.subscriptionId, status: change.status, summary: change.summary }, 'alert status changed');
      if (change.pendingChannels.length === 0) return undefined;
      const claim = await alerts.claimNotifying(rule.id, change.pendingChannels.length * this.deps.options.sendTimeoutMs + CLAIM_MARGIN_MS);
      const at = change.changed ? new Date() : (previous?.changedAt ?? new Date());
      return { rule, claim, channelIds: change.pendingChannels, notification: toNotification(rule, subscription.name, change.status, change.summary, at) };
    });
    if (owed) await this.notify(new AlertRepository(this.deps.dataSource.manager), owed);
  }

  private async judgedRecently(manager: EntityManager, ruleId: number): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM alert_states WHERE rule_id = $1 AND evaluated_at > now() - make_interval(secs => $2)`, [
      ruleId, this.deps.options.intervalMs / 2_000,
    ]);
    return rows.length > 0;
  }

  private async notify(alerts: AlertRepository, owed: Owed): Promise<void> {
    const { rule, claim, channelIds, notification } = owed;
    const channels = await alerts.channelsByIds(channelIds);
    const stillPending: number[] = [];
    const errors: string[] = [];
    for (const channel of channels) {
      try {
        const secrets = this.deps.cipher.decryptAll(channel.secrets, alertChannelSecretOwner(channel.id));
        await CHANNEL_SENDERS[channel.kind]({ ...channel, secrets }, notification, { timeoutMs: this.deps.options.sendTimeoutMs, policy: this.deps.policy });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        stillPending.push(channel.id);
        errors.push(`channel ${channel.id}: ${reason}`);
        this.deps.logger.warn({ ruleId: rule.id, channelId: channel.id, kind: channel.kind, reason }, 'alert notification failed; will try again');
      }
    }
    const recorded = await alerts.recordNotified(rule.id, claim, stillPending, errors.length > 0 ? errors.join('; ').slice(0, 2_000) : null);
    if (!recorded) this.deps.logger.warn({ ruleId: rule.id }, 'alert notifications took longer than their claim; another replica took the rule over, its state is kept');
  }
}

async function subscriptionOf(manager: EntityManager, id: number): Promise<{ name: string; enabled: boolean }> {
  const [row] = await manager.query(
    `SELECT s.name, s.enabled AND d.enabled AS enabled FROM subscriptions s JOIN destinations d ON d.id = s.destination_id WHERE s.id = $1`,
    [id],
  );
  return row ?? { name: String(id), enabled: false };
}

function toNotification(rule: AlertRule, subscriptionName: string, status: AlertState['status'], summary: string, at: Date): AlertNotification {
  return {
    ruleId: rule.id,
    ruleName: rule.name,
    kind: rule.kind,
    status: status === 'firing' ? 'firing' : 'resolved',
    syncId: rule.subscriptionId,
    subscriptionName,
    summary,
    at: at.toISOString(),
  };
}
