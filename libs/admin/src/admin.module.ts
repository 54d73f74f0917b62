import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AlertsAdminModule } from '@activation/alerts';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { ADMIN_BOOTSTRAP_KEY, BootstrapAdminKeyOnStart } from './api-keys/bootstrap-admin-key.lifecycle';
import { AudienceInsightsModule } from './audience-insights/audience-insights.module';
import { AudiencesModule } from './audiences/audiences.module';
import { AuditModule } from './audit/audit.module';
import { DeadLettersModule } from './dead-letters/dead-letters.module';
import { DestinationsModule } from './destinations/destinations.module';
import { ProblemDetailsFilter } from './problem-details/problem-details.filter';
import { ProblemValidationPipe } from './problem-details/validation-pipe';
import { PullSourcesModule } from './sources/pull-sources.module';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';
import { WebhookSourcesModule } from './webhook-sources/webhook-sources.module';

export interface AdminModuleOptions {
  /** ADMIN_BOOTSTRAP_KEY: stored as an admin key on start when no admin key exists. */
  bootstrapKey?: string;
}

/** The admin API's routes; needs ServiceRuntimeModule and ConfigurationModule beside it. */
@Module({})
export class AdminModule {
  static register(options: AdminModuleOptions = {}): DynamicModule {
    return {
      module: AdminModule,
      imports: [
        ApiKeysModule,
        AudiencesModule,
        AudienceInsightsModule,
        DestinationsModule,
        SubscriptionsModule,
        WebhookSourcesModule,
        PullSourcesModule,
        DeadLettersModule,
        AuditModule,
        AlertsAdminModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useClass: ProblemValidationPipe },
        { provide: ADMIN_BOOTSTRAP_KEY, useValue: options.bootstrapKey },
        BootstrapAdminKeyOnStart,
      ],
    };
  }
}

/** The use cases the CLI drives (same validation, audit and change messages as the API). */
@Module({ imports: [AudiencesModule, DestinationsModule, SubscriptionsModule], exports: [AudiencesModule, DestinationsModule, SubscriptionsModule] })
export class AdminUseCasesModule {}
