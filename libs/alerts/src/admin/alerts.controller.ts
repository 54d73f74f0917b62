import { Body, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ApiKeyController, IntegerIdPipe, ReadAccess, WriteAccess } from '@activation/configuration';
import { CreateAlertChannelDto, CreateAlertRuleDto, UpdateAlertChannelDto, UpdateAlertRuleDto } from './alert.dto';
import { AlertsAdminService } from './alerts-admin.service';

const subscriptionIdPipe = new IntegerIdPipe('subscription');
const channelIdPipe = new IntegerIdPipe('alert channel');
const ruleIdPipe = new IntegerIdPipe('alert rule');

/** Where a subscription's alerts go: webhook, Slack-compatible webhook, email (secrets never returned). */
@ApiKeyController('v1/subscriptions/:syncId/alert-channels', 'Alerts')
export class AlertChannelsController {
  constructor(private readonly alerts: AlertsAdminService) {}

  @Get()
  @ReadAccess()
  @ApiOperation({ summary: 'Alert channels of the subscription (secret names, never values)' })
  list(@Param('syncId', subscriptionIdPipe) syncId: number) {
    return this.alerts.listChannels(syncId);
  }

  @Post()
  @WriteAccess()
  @ApiOperation({ summary: 'Add an alert channel' })
  create(@Param('syncId', subscriptionIdPipe) syncId: number, @Body() body: CreateAlertChannelDto) {
    return this.alerts.createChannel(syncId, body);
  }

  @Get(':channelId')
  @ReadAccess()
  @ApiOperation({ summary: 'One alert channel' })
  get(@Param('syncId', subscriptionIdPipe) syncId: number, @Param('channelId', channelIdPipe) channelId: number) {
    return this.alerts.getChannel(syncId, channelId);
  }

  @Patch(':channelId')
  @WriteAccess()
  @ApiOperation({ summary: 'Change an alert channel (its kind stays)' })
  update(@Param('syncId', subscriptionIdPipe) syncId: number, @Param('channelId', channelIdPipe) channelId: number, @Body() body: UpdateAlertChannelDto) {
    return this.alerts.updateChannel(syncId, channelId, body);
  }

  @Delete(':channelId')
  @HttpCode(204)
  @WriteAccess()
  @ApiOperation({ summary: 'Remove an alert channel (and from the rules naming it)' })
  async remove(@Param('syncId', subscriptionIdPipe) syncId: number, @Param('channelId', channelIdPipe) channelId: number): Promise<void> {
    await this.alerts.deleteChannel(syncId, channelId);
  }
}

/** When a subscription alerts: sync failing, rejected-row rate, lag; with each rule's current state. */
@ApiKeyController('v1/subscriptions/:syncId/alert-rules', 'Alerts')
export class AlertRulesController {
  constructor(private readonly alerts: AlertsAdminService) {}

  @Get()
  @ReadAccess()
  @ApiOperation({ summary: 'Alert rules of the subscription with their state (ok or firing, since when, why)' })
  list(@Param('syncId', subscriptionIdPipe) syncId: number) {
    return this.alerts.listRules(syncId);
  }

  @Post()
  @WriteAccess()
  @ApiOperation({ summary: 'Add an alert rule' })
  create(@Param('syncId', subscriptionIdPipe) syncId: number, @Body() body: CreateAlertRuleDto) {
    return this.alerts.createRule(syncId, body);
  }

  @Get(':ruleId')
  @ReadAccess()
  @ApiOperation({ summary: 'One alert rule with its state' })
  get(@Param('syncId', subscriptionIdPipe) syncId: number, @Param('ruleId', ruleIdPipe) ruleId: number) {
    return this.alerts.getRule(syncId, ruleId);
  }

  @Patch(':ruleId')
  @WriteAccess()
  @ApiOperation({ summary: 'Change an alert rule (its kind stays)' })
  update(@Param('syncId', subscriptionIdPipe) syncId: number, @Param('ruleId', ruleIdPipe) ruleId: number, @Body() body: UpdateAlertRuleDto) {
    return this.alerts.updateRule(syncId, ruleId, body);
  }

  @Delete(':ruleId')
  @HttpCode(204)
  @WriteAccess()
  @ApiOperation({ summary: 'Remove an alert rule' })
  async remove(@Param('syncId', subscriptionIdPipe) syncId: number, @Param('ruleId', ruleIdPipe) ruleId: number): Promise<void> {
    await this.alerts.deleteRule(syncId, ruleId);
  }
}
