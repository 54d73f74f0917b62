import { type DynamicModule, Module, type ModuleMetadata, type Provider } from '@nestjs/common';
import { CONFIGURATION_ENTITIES, ConfigurationCache, ConfigurationModule } from '@activation/configuration';
import { AUDIENCE_CATALOG, EvaluationModule, type Clock, type CrashHook } from '@activation/evaluation';
import { DATA_SOURCE, ROOT_LOGGER, ServiceRuntimeModule } from '@activation/service-runtime';
import type { EvaluatorSettings } from './settings';

const SERVICE_NAME = 'evaluator';

/** Audiences come from the configuration cache, which reloads them from config-changes. */
const configurationCatalog: Provider = { provide: AUDIENCE_CATALOG, useExisting: ConfigurationCache };

/** What a test fixture may replace: the catalog binding, the clock, a crash hook. */
export interface EvaluatorBindings {
  catalog?: Provider;
  catalogImports?: ModuleMetadata['imports'];
  clock?: Clock;
  crashHook?: CrashHook;
}

@Module({})
export class AppModule {
  static register(settings: EvaluatorSettings, bindings: EvaluatorBindings = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceRuntimeModule.forRoot({ serviceName: SERVICE_NAME, settings, entities: CONFIGURATION_ENTITIES }),
        ConfigurationModule.forRoot({ serviceName: SERVICE_NAME, settings, dataSourceToken: DATA_SOURCE, loggerToken: ROOT_LOGGER }),
        EvaluationModule.forRoot({
          catalog: bindings.catalog ?? configurationCatalog,
          imports: bindings.catalogImports,
          profileInputsTopic: settings.PROFILE_INPUTS_TOPIC,
          snapshotRequestsTopic: settings.SNAPSHOT_REQUESTS_TOPIC,
          clock: bindings.clock,
          crashHook: bindings.crashHook,
          evaluation: {
            membershipTopic: settings.MEMBERSHIP_TOPIC,
            instanceId: `evaluator-${settings.SERVICE_INSTANCE}-${process.pid}`,
            eventRetentionDays: settings.EVENT_RETENTION_DAYS,
            processedInputRetentionDays: settings.PROCESSED_INPUT_RETENTION_DAYS,
            schedulerIntervalMs: settings.SCHEDULER_INTERVAL_MS,
            jobPageSize: settings.BACKFILL_PAGE_SIZE,
          },
        }),
      ],
    };
  }
}
