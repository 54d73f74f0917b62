import { Body, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type ApiKeyPrincipal } from '@activation/configuration';
import { CallsQuery, DeadLettersQuery, LimitQuery, StartReplayDto, SyncRunsQuery } from './admin-dto';
import { DeliveryAdminController, PositiveIntPipe, ReadAccess, WriteAccess } from './admin-routes';
import { DeliveryAdminService } from './delivery-admin.service';

const DEFAULT_LIMIT = 50;

/** Delivery of one subscription: status, sync runs and their calls (the live debugger), dead letters, re-sync, replay. */
@DeliveryAdminController('v1/subscriptions/:syncId', 'Subscription delivery')
export class SubscriptionDeliveryController {
  constructor(private readonly delivery: DeliveryAdminService) {}

  @Get('status')
  @ReadAccess()
  @ApiOperation({ summary: 'Healthy or failing, last error class and time, lag, rows waiting for retry' })
  status(@Param('syncId', PositiveIntPipe) syncId: number) {
    return this.delivery.status(syncId);
  }

  @Get('sync-runs')
  @ReadAccess()
  @ApiOperation({ summary: 'Sync runs of the subscription, newest first, with their counts' })
  async runs(@Param('syncId', PositiveIntPipe) syncId: number, @Query() query: SyncRunsQuery) {
    await this.delivery.find(syncId);
    const items = await this.delivery.historyRepository.runs(
      { syncId, status: query.status, beforeStartedAt: query.before ? new Date(query.before) : undefined },
      query.limit ?? DEFAULT_LIMIT,
    );
    return { items };
  }

  @Get('sync-runs/:syncRunId')
  @ReadAccess()
  @ApiOperation({ summary: 'One sync run with its counts' })
  async run(@Param('syncId', PositiveIntPipe) syncId: number, @Param('syncRunId', PositiveIntPipe) syncRunId: number) {
    const run = await this.delivery.historyRepository.run(syncId, syncRunId);
    if (!run) throw new NotFoundException(`Subscription ${syncId} has no sync run ${syncRunId}.`);
    return run;
  }

  @Get('sync-runs/:syncRunId/calls')
  @ReadAccess()
  @ApiOperation({ summary: 'Every call of a run: time, operation, rows, outcome, status, latency, rejected keys and reasons, bodies (secrets redacted)' })
  async calls(@Param('syncId', PositiveIntPipe) syncId: number, @Param('syncRunId', PositiveIntPipe) syncRunId: number, @Query() query: CallsQuery) {
    if (!(await this.delivery.historyRepository.run(syncId, syncRunId))) throw new NotFoundException(`Subscription ${syncId} has no sync run ${syncRunId}.`);
    const items = await this.delivery.historyRepository.calls(syncId, syncRunId, query.after, query.limit ?? DEFAULT_LIMIT);
    return { items, nextAfter: items.length === (query.limit ?? DEFAULT_LIMIT) ? items[items.length - 1].id : null };
  }

  @Get('dead-letters')
  @ReadAccess()
  @ApiOperation({ summary: 'Rows that failed past the retry window, newest first, with their last reason' })
  async deadLetters(@Param('syncId', PositiveIntPipe) syncId: number, @Query() query: DeadLettersQuery) {
    await this.delivery.find(syncId);
    const items = await this.delivery.historyRepository.deadLetters(syncId, query.before, query.limit ?? DEFAULT_LIMIT);
    return { items };
  }

  @Post('resync')
  @HttpCode(202)
  @WriteAccess()
  @ApiOperation({ summary: 'Re-send the audience\'s current members to this subscription (asks the evaluator for a snapshot)' })
  resync(@Param('syncId', PositiveIntPipe) syncId: number) {
    return this.delivery.resync(syncId);
  }

  @Post('replays')
  @HttpCode(202)
  @WriteAccess()
  @ApiOperation({ summary: 'Re-deliver the subscription\'s membership events since a time (other subscriptions are not affected)' })
  replay(@Param('syncId', PositiveIntPipe) syncId: number, @Body() body: StartReplayDto, @CurrentPrincipal() principal: ApiKeyPrincipal) {
    return this.delivery.startReplay(syncId, body.from, `api-key:${principal.id}`);
  }

  @Get('replays')
  @ReadAccess()
  @ApiOperation({ summary: 'Replays of the subscription, newest first' })
  async replays(@Param('syncId', PositiveIntPipe) syncId: number, @Query() query: LimitQuery) {
    await this.delivery.find(syncId);
    return { items: await this.delivery.listReplays(syncId, query.limit ?? DEFAULT_LIMIT) };
  }

  @Get('replays/:replayId')
  @ReadAccess()
  @ApiOperation({ summary: 'One replay and its progress' })
  replayById(@Param('syncId', PositiveIntPipe) syncId: number, @Param('replayId') replayId: string) {
    return this.delivery.replay(syncId, replayId);
  }
}
