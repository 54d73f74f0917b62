import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ApiKeyController, pageOf, ReadAccess } from '@activation/configuration';
import { SyncRunsQuery } from './admin-dto';
import { DeliveryAdminService } from './delivery-admin.service';

/** Recent sync runs across subscriptions. */
@ApiKeyController('v1/sync-runs', 'Subscription delivery')
export class SyncRunsController {
  constructor(private readonly delivery: DeliveryAdminService) {}

  @Get()
  @ReadAccess()
  @ApiOperation({ summary: 'Sync runs, newest first; filter by subscription (syncId) and status' })
  list(@Query() query: SyncRunsQuery) {
    return this.delivery.historyRepository.runs({ syncId: query.syncId, status: query.status }, pageOf(query));
  }
}
