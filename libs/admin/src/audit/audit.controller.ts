import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { AuditRepository, type Page } from '@activation/configuration';
import { AdminController, ReadAccess } from '../common/admin-routes';
import { pageOf } from '../common/page-query.dto';
import { ApiPage } from '../openapi/api-page.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ListAuditQuery } from './audit.dto';
import { AuditEntryView, toAuditEntryView } from './audit-entry.view';

@AdminController('v1/audit-log', 'Audit log')
export class AuditController {
  constructor(private readonly audit: AuditRepository) {}

  @Get()
  @ReadAccess()
  @ApiOperation({ summary: 'Who changed what, and when; newest first' })
  @ApiPage(AuditEntryView)
  @ApiProblems(400)
  async list(@Query() query: ListAuditQuery): Promise<Page<AuditEntryView>> {
    const filter = {
      entity: query.entity,
      entityId: query.entityId,
      actorKeyId: query.actorKeyId,
      action: query.action,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    };
    const page = await this.audit.list(filter, pageOf(query));
    return { items: page.items.map(toAuditEntryView), nextCursor: page.nextCursor };
  }
}
