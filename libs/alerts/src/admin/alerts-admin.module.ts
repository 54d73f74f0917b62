import { Module } from '@nestjs/common';
import { AlertChannelsController, AlertRulesController } from './alerts.controller';
import { AlertsAdminService } from './alerts-admin.service';

/**
 * The alert routes of the admin API: `/v1/subscriptions/:syncId/alert-channels` and
 * `/v1/subscriptions/:syncId/alert-rules`. Needs ServiceRuntimeModule and ConfigurationModule.
 */
@Module({ controllers: [AlertChannelsController, AlertRulesController], providers: [AlertsAdminService] })
export class AlertsAdminModule {}
