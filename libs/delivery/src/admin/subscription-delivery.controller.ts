import { Body, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ApiKeyController, CurrentPrincipal, IntegerIdPipe, pageOf, PageQueryDto, ReadAccess, WriteAccess, type ApiKeyPrincipal } from '@activation/configuration';
import { StartReplayDto, SyncRunsQuery } from './admin-dto';
import { DeliveryAdminService } from './delivery-admin.service';

const subscriptionIdPipe = new IntegerIdPipe('subscription');
const syncRunIdPipe = new IntegerIdPipe('sync run');

/** Delivery of one subscription: status, sync runs and their calls (the live debugger), dead letters, re-sync, replay. */
@ApiKeyController('v1/subscriptions/:syncId', 'Subscription delivery')
export class SubscriptionDeliveryController {
  constructor(private readonly delivery: DeliveryAdminService) {}

  @Get('status')
  @ReadAccess()
  @ApiOperation({ summary: 'Healthy or failing, last error class and time, lag, rows waiting for retry' })
  status(@Param('syncId', subscriptionIdPipe) syncId: number) {
    return this.delivery.status(syncId);
  }

  @Get('sync-runs')
  @ReadAccess()
  @ApiOperation({ summary: 'Sync runs of the subscription, newest first, with their counts' })
  async runs(@Param('syncId', subscriptionIdPipe) syncId: number, @Query() query: SyncRunsQuery) {
    await this.delivery.find(syncId);
    return this.delivery.historyRepository.runs({ syncId, status: query.status }, pageOf(query));
  }

  @Get('sync-runs/:syncRunId')
  @ReadAccess()
  @ApiOperation({ summary: 'One sync run with its counts' })
  async run(@Param('syncId', subscriptionIdPipe) syncId: number, @Param('syncRunId', syncRunIdPipe) syncRunId: number) {
    const run = await this.delivery.historyRepository.run(syncId, syncRunId);
    if (!run) throw new NotFoundException(`Subscription ${syncId} has no sync run ${syncRunId}.`);
    return run;
  }

  @Get('sync-runs/:syncRunId/calls')
  @ReadAccess()
  @ApiOperation({ summary: 'Every call of a run: time, operation, rows, outcome, status, latency, rejected keys and reasons, bodies (secrets redacted)' })
  async calls(@Param('syncId', subscriptionIdPipe) syncId: number, @Param('syncRunId', syncRunIdPipe) syncRunId: number, @Query() query: PageQueryDto) {
    if (!(await this.delivery.historyRepository.run(syncId, syncRunId))) throw new NotFoundException(`Subscription ${syncId} has no sync run ${syncRunId}.`);
    return this.delivery.historyRepository.calls(syncId, syncRunId, pageOf(query));
  }

  @Get('dead-letters')
  @ReadAccess()
  @ApiOperation({ summary: 'Rows that failed past the retry window, newest first, with their last reason' })
  async deadLetters(@Param('syncId', subscriptionIdPipe) syncId: number, @Query() query: PageQueryDto) {
    await this.delivery.find(syncId);
    return this.delivery.historyRepository.deadLetters(syncId, pageOf(query));
  }

  @Post('resync')
  @HttpCode(202)
  @WriteAccess()
  @ApiOperation({ summary: 'Re-send the audience\'s current members to this subscription (asks the evaluator for a snapshot)' })
  resync(@Param('syncId', subscriptionIdPipe) syncId: number) {
    return this.delivery.resync(syncId);
  }

  @Post('replays')
  @HttpCode(202)
  @WriteAccess()
  @ApiOperation({ summary: 'Re-deliver the subscription\'s membership events since a time (other subscriptions are not affected)' })
  replay(@Param('syncId', subscriptionIdPipe) syncId: number, @Body() body: StartReplayDto, @CurrentPrincipal() principal: ApiKeyPrincipal) {
    return this.delivery.startReplay(syncId, body.from, `api-key:${principal.id}`);
  }

  @Get('replays')
  @ReadAccess()
  @ApiOperation({ summary: 'Replays of the subscription, newest first' })
  async replays(@Param('syncId', subscriptionIdPipe) syncId: number, @Query() query: PageQueryDto) {
    await this.delivery.find(syncId);
    return this.delivery.listReplays(syncId, pageOf(query));
  }

  @Get('replays/:replayId')
  @ReadAccess()
  @ApiOperation({ summary: 'One replay and its progress' })
  replayById(@Param('syncId', subscriptionIdPipe) syncId: number, @Param('replayId') replayId: string) {
    return this.delivery.replay(syncId, replayId);
  }
}
