import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { pageOf } from '@activation/configuration';
import { SyncRunsQuery } from './admin-dto';
import { DeliveryAdminController, ReadAccess } from './admin-routes';
import { DeliveryAdminService } from './delivery-admin.service';

/** Recent sync runs across subscriptions. */
@DeliveryAdminController('v1/sync-runs', 'Subscription delivery')
export class SyncRunsController {
  constructor(private readonly delivery: DeliveryAdminService) {}

  @Get()
  @ReadAccess()
  @ApiOperation({ summary: 'Sync runs, newest first; filter by subscription (syncId) and status' })
  list(@Query() query: SyncRunsQuery) {
    return this.delivery.historyRepository.runs({ syncId: query.syncId, status: query.status }, pageOf(query));
  }
}
