import type { EntityManager } from 'typeorm';
import type { EncryptedSecrets } from '@activation/configuration';
import type { AlertChannel, AlertChannelKind, AlertChannelSettings } from '../model/alert-channel';
import type { AlertRule, AlertRuleKind, AlertRuleSettings, AlertState, AlertStatus } from '../model/alert-rule';

type Queryable = Pick<EntityManager, 'query'>;

export interface RuleInput {
  name: string;
  kind: AlertRuleKind;
  settings: AlertRuleSettings;
  channelIds: number[];
  enabled: boolean;
}

export interface ChannelInput {
  name: string;
  kind: AlertChannelKind;
  settings: AlertChannelSettings;
}

/** Alert rules, channels and rule states in Postgres. */
export class AlertRepository {
  constructor(private readonly db: Queryable) {}

  async rules(subscriptionId?: number): Promise<AlertRule[]> {
    const rows = await this.db.query(
      `SELECT * FROM alert_rules WHERE ($1::int IS NULL OR subscription_id = $1) ORDER BY id`,
      [subscriptionId ?? null],
    );
    return rows.map(toRule);
  }

  async rule(subscriptionId: number, ruleId: number): Promise<AlertRule | undefined> {
    const [row] = await this.db.query(`SELECT * FROM alert_rules WHERE subscription_id = $1 AND id = $2`, [subscriptionId, ruleId]);
    return row ? toRule(row) : undefined;
  }

  /** Enabled rules, and disabled ones still firing or owing notifications (so they resolve). */
  async ruleIdsToJudge(): Promise<number[]> {
    const rows: Array<{ id: number }> = await this.db.query(
      `SELECT r.id FROM alert_rules r LEFT JOIN alert_states s ON s.rule_id = r.id
        WHERE r.enabled OR s.status = 'firing' OR cardinality(s.pending_channels) > 0 ORDER BY r.id`,
    );
    return rows.map((row) => row.id);
  }

  async ruleById(ruleId: number): Promise<AlertRule | undefined> {
    const [row] = await this.db.query(`SELECT * FROM alert_rules WHERE id = $1`, [ruleId]);
    return row ? toRule(row) : undefined;
  }

  async insertRule(subscriptionId: number, input: RuleInput): Promise<AlertRule> {
    const [row] = await this.db.query(
      `INSERT INTO alert_rules (subscription_id, name, kind, settings, channel_ids, enabled) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [subscriptionId, input.name, input.kind, JSON.stringify(input.settings), input.channelIds, input.enabled],
    );
    return toRule(row);
  }

  async updateRule(ruleId: number, input: RuleInput): Promise<AlertRule> {
    const [[row]] = await this.db.query(
      `UPDATE alert_rules SET name = $2, kind = $3, settings = $4, channel_ids = $5, enabled = $6, updated_at = now() WHERE id = $1 RETURNING *`,
      [ruleId, input.name, input.kind, JSON.stringify(input.settings), input.channelIds, input.enabled],
    );
    return toRule(row);
  }

  async deleteRule(ruleId: number): Promise<void> {
    await this.db.query(`DELETE FROM alert_rules WHERE id = $1`, [ruleId]);
  }

  async channels(subscriptionId: number): Promise<AlertChannel[]> {
    const rows = await this.db.query(`SELECT * FROM alert_channels WHERE subscription_id = $1 ORDER BY id`, [subscriptionId]);
    return rows.map(toChannel);
  }

  async channel(subscriptionId: number, channelId: number): Promise<AlertChannel | undefined> {
    const [row] = await this.db.query(`SELECT * FROM alert_channels WHERE subscription_id = $1 AND id = $2`, [subscriptionId, channelId]);
    return row ? toChannel(row) : undefined;
  }

  async insertChannel(subscriptionId: number, input: ChannelInput): Promise<AlertChannel> {
    const [row] = await this.db.query(
      `INSERT INTO alert_channels (subscription_id, name, kind, settings) VALUES ($1, $2, $3, $4) RETURNING *`,
      [subscriptionId, input.name, input.kind, JSON.stringify(input.settings)],
    );
    return toChannel(row);
  }

  async updateChannel(channelId: number, input: ChannelInput, secrets: EncryptedSecrets): Promise<AlertChannel> {
    const [[row]] = await this.db.query(
      `UPDATE alert_channels SET name = $2, kind = $3, settings = $4, secrets = $5, updated_at = now() WHERE id = $1 RETURNING *`,
      [channelId, input.name, input.kind, JSON.stringify(input.settings), JSON.stringify(secrets)],
    );
    return toChannel(row);
  }

  /** Deletes the channel and takes it out of the rules that named it. */
  async deleteChannel(subscriptionId: number, channelId: number): Promise<void> {
    await this.db.query(`UPDATE alert_rules SET channel_ids = array_remove(channel_ids, $2), updated_at = now() WHERE subscription_id = $1`, [
      subscriptionId, channelId,
    ]);
    await this.db.query(`DELETE FROM alert_channels WHERE id = $1`, [channelId]);
  }

  async states(ruleIds: readonly number[]): Promise<Map<number, AlertState>> {
    if (ruleIds.length === 0) return new Map();
    const rows = await this.db.query(`SELECT * FROM alert_states WHERE rule_id = ANY($1)`, [ruleIds]);
    return new Map(rows.map((row: StateRecord) => [row.rule_id, toState(row)]));
  }

  async saveState(ruleId: number, state: { status: AlertStatus; summary: string; changed: boolean; pendingChannels: number[] }): Promise<void> {
    await this.db.query(
      `INSERT INTO alert_states AS s (rule_id, status, summary, pending_channels) VALUES ($1, $2, $3, $4)
       ON CONFLICT (rule_id) DO UPDATE SET status = $2, summary = $3, pending_channels = $4, evaluated_at = now(),
         changed_at = CASE WHEN $5 THEN now() ELSE s.changed_at END`,
      [ruleId, state.status, state.summary, state.pendingChannels, state.changed],
    );
  }

  /** True while another replica is sending this rule's notifications. */
  async notifying(ruleId: number): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM alert_states WHERE rule_id = $1 AND notifying_until > now()`, [ruleId]);
    return rows.length > 0;
  }

  /**
   * Marks this replica as sending the rule's notifications for at most `forMs`; returns the claim
   * (the mark itself, as text so it compares exactly) that `recordNotified` must present.
   */
  async claimNotifying(ruleId: number, forMs: number): Promise<string> {
    const [[row]]: [[{ claim: string }], number] = await this.db.query(
      `UPDATE alert_states SET notifying_until = now() + make_interval(secs => $2) WHERE rule_id = $1 RETURNING notifying_until::text AS claim`,
      [ruleId, forMs / 1_000],
    );
    return row.claim;
  }

  /**
   * Records what is still owed after sending, unless the claim was lost (it expired and another
   * replica claimed the rule since): that replica's state is then left alone. False when lost.
   */
  async recordNotified(ruleId: number, claim: string, stillPending: number[], error: string | null): Promise<boolean> {
    const [, updated]: [unknown, number] = await this.db.query(
      `UPDATE alert_states SET pending_channels = $2, last_notify_error = $3, notifying_until = NULL
        WHERE rule_id = $1 AND notifying_until = $4::timestamptz`,
      [ruleId, stillPending, error, claim],
    );
    return updated > 0;
  }

  async channelsByIds(ids: readonly number[]): Promise<AlertChannel[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query(`SELECT * FROM alert_channels WHERE id = ANY($1) ORDER BY id`, [ids]);
    return rows.map(toChannel);
  }
}

interface StateRecord {
  rule_id: number;
  status: AlertStatus;
  summary: string;
  changed_at: Date;
  evaluated_at: Date;
  pending_channels: number[];
  last_notify_error: string | null;
}

function toRule(row: Record<string, unknown>): AlertRule {
  return {
    id: row['id'] as number,
    subscriptionId: row['subscription_id'] as number,
    name: row['name'] as string,
    kind: row['kind'] as AlertRuleKind,
    settings: row['settings'] as AlertRuleSettings,
    channelIds: row['channel_ids'] as number[],
    enabled: row['enabled'] as boolean,
    createdAt: row['created_at'] as Date,
    updatedAt: row['updated_at'] as Date,
  };
}

function toChannel(row: Record<string, unknown>): AlertChannel {
  return {
    id: row['id'] as number,
    subscriptionId: row['subscription_id'] as number,
    name: row['name'] as string,
    kind: row['kind'] as AlertChannelKind,
    settings: row['settings'] as AlertChannelSettings,
    secrets: row['secrets'] as EncryptedSecrets,
    createdAt: row['created_at'] as Date,
    updatedAt: row['updated_at'] as Date,
  };
}

function toState(row: StateRecord): AlertState {
  return {
    ruleId: row.rule_id,
    status: row.status,
    summary: row.summary,
    changedAt: row.changed_at,
    evaluatedAt: row.evaluated_at,
    pendingChannels: row.pending_channels,
    lastNotifyError: row.last_notify_error,
  };
}
