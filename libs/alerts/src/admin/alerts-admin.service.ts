import { Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { mergeSecrets, SecretCipher, SubscriptionRepository } from '@activation/configuration';
import { DATA_SOURCE } from '@activation/service-runtime';
import { alertChannelSecretOwner } from '../model/alert-channel';
import { AlertRepository } from '../store/alert-repository';
import { validateChannelSecrets, validateChannelSettings } from '../validation/validate-channel';
import { validateRuleSettings } from '../validation/validate-rule';
import type { CreateAlertChannelDto, CreateAlertRuleDto, UpdateAlertChannelDto, UpdateAlertRuleDto } from './alert.dto';
import { channelView, ruleView } from './alert-views';

/** Alert channels and rules of one subscription; channel secrets are encrypted and never shown. */
@Injectable()
export class AlertsAdminService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly cipher: SecretCipher,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  async listChannels(syncId: number) {
    await this.subscription(syncId);
    return { items: (await this.repository().channels(syncId)).map(channelView) };
  }

  async getChannel(syncId: number, channelId: number) {
    return channelView(await this.channel(this.repository(), syncId, channelId));
  }

  async createChannel(syncId: number, body: CreateAlertChannelDto) {
    await this.subscription(syncId);
    const settings = validateChannelSettings(body.kind, body.settings ?? {});
    const problems = [...(settings.ok ? [] : settings.problems), ...validateChannelSecrets(body.kind, body.secrets ?? {})];
    if (!settings.ok || problems.length > 0) throw invalid('alert channel', problems);
    return this.dataSource.transaction(async (manager) => {
      const alerts = new AlertRepository(manager);
      const created = await alerts.insertChannel(syncId, { name: body.name, kind: body.kind, settings: settings.value });
      const secrets = mergeSecrets(this.cipher, {}, withoutNulls(body.secrets), alertChannelSecretOwner(created.id));
      return channelView(await alerts.updateChannel(created.id, { name: body.name, kind: body.kind, settings: settings.value }, secrets));
    });
  }

  async updateChannel(syncId: number, channelId: number, body: UpdateAlertChannelDto) {
    return this.dataSource.transaction(async (manager) => {
      const alerts = new AlertRepository(manager);
      const stored = await this.channel(alerts, syncId, channelId);
      const settings = validateChannelSettings(stored.kind, body.settings ?? (stored.settings as Record<string, unknown>));
      const problems = [...(settings.ok ? [] : settings.problems), ...validateChannelSecrets(stored.kind, body.secrets ?? {}, Object.keys(stored.secrets))];
      if (!settings.ok || problems.length > 0) throw invalid('alert channel', problems);
      const secrets = mergeSecrets(this.cipher, stored.secrets, body.secrets, alertChannelSecretOwner(channelId));
      return channelView(await alerts.updateChannel(channelId, { name: body.name ?? stored.name, kind: stored.kind, settings: settings.value }, secrets));
    });
  }

  async deleteChannel(syncId: number, channelId: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const alerts = new AlertRepository(manager);
      await this.channel(alerts, syncId, channelId);
      await alerts.deleteChannel(syncId, channelId);
    });
  }

  async listRules(syncId: number) {
    await this.subscription(syncId);
    const alerts = this.repository();
    const rules = await alerts.rules(syncId);
    const states = await alerts.states(rules.map((rule) => rule.id));
    return { items: rules.map((rule) => ruleView(rule, states.get(rule.id))) };
  }

  async getRule(syncId: number, ruleId: number) {
    const alerts = this.repository();
    const rule = await this.rule(alerts, syncId, ruleId);
    return ruleView(rule, (await alerts.states([rule.id])).get(rule.id));
  }

  async createRule(syncId: number, body: CreateAlertRuleDto) {
    await this.subscription(syncId);
    const alerts = this.repository();
    const settings = validateRuleSettings(body.kind, body.settings);
    const problems = [...(settings.ok ? [] : settings.problems), ...(await this.unknownChannels(alerts, syncId, body.channelIds))];
    if (!settings.ok || problems.length > 0) throw invalid('alert rule', problems);
    const rule = await alerts.insertRule(syncId, {
      name: body.name, kind: body.kind, settings: settings.value, channelIds: unique(body.channelIds), enabled: body.enabled ?? true,
    });
    return ruleView(rule, undefined);
  }

  async updateRule(syncId: number, ruleId: number, body: UpdateAlertRuleDto) {
    const alerts = this.repository();
    const stored = await this.rule(alerts, syncId, ruleId);
    const settings = validateRuleSettings(stored.kind, body.settings ?? (stored.settings as Record<string, unknown>));
    const channelIds = unique(body.channelIds ?? stored.channelIds);
    const problems = [...(settings.ok ? [] : settings.problems), ...(await this.unknownChannels(alerts, syncId, channelIds))];
    if (!settings.ok || problems.length > 0) throw invalid('alert rule', problems);
    const rule = await alerts.updateRule(ruleId, {
      name: body.name ?? stored.name, kind: stored.kind, settings: settings.value, channelIds, enabled: body.enabled ?? stored.enabled,
    });
    return ruleView(rule, (await alerts.states([rule.id])).get(rule.id));
  }

  async deleteRule(syncId: number, ruleId: number): Promise<void> {
    const alerts = this.repository();
    await this.rule(alerts, syncId, ruleId);
    await alerts.deleteRule(ruleId);
  }

  private repository(): AlertRepository {
    return new AlertRepository(this.dataSource.manager);
  }

  private async subscription(syncId: number): Promise<void> {
    if (!(await this.subscriptions.findById(syncId))) throw new NotFoundException(`No subscription ${syncId}.`);
  }

  private async channel(alerts: AlertRepository, syncId: number, channelId: number) {
    const channel = await alerts.channel(syncId, channelId);
    if (!channel) throw new NotFoundException(`Subscription ${syncId} has no alert channel ${channelId}.`);
    return channel;
  }

  private async rule(alerts: AlertRepository, syncId: number, ruleId: number) {
    const rule = await alerts.rule(syncId, ruleId);
    if (!rule) throw new NotFoundException(`Subscription ${syncId} has no alert rule ${ruleId}.`);
    return rule;
  }

  private async unknownChannels(alerts: AlertRepository, syncId: number, channelIds: readonly number[]): Promise<string[]> {
    const known = new Set((await alerts.channels(syncId)).map((channel) => channel.id));
    return channelIds.filter((id) => !known.has(id)).map((id) => `channelIds: subscription ${syncId} has no alert channel ${id}`);
  }
}

function invalid(what: string, problems: string[]): UnprocessableEntityException {
  return new UnprocessableEntityException({
    message: `The ${what} is not valid.`,
    errors: problems.map((problem) => ({ path: `$.${problem.split(' ')[0].replace(/:$/, '')}`, message: problem })),
  });
}

function withoutNulls(secrets: Record<string, string | null> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(secrets ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function unique(ids: readonly number[]): number[] {
  return [...new Set(ids)];
}
