import { Module } from '@nestjs/common';
import { EventExportStatusController } from './event-export-status.controller';

/**
 * The event-export routes of the admin API: `GET /v1/destinations/:id/event-export`. Needs
 * ServiceRuntimeModule and ConfigurationModule beside it.
 */
@Module({ controllers: [EventExportStatusController] })
export class EventExportAdminModule {}
