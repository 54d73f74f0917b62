import { type DynamicModule, Module } from '@nestjs/common';
import { CONFIGURATION_ENTITIES, ConfigurationModule } from '@activation/configuration';
import { IngestionModule } from '@activation/ingestion';
import { DATA_SOURCE, ROOT_LOGGER, ServiceRuntimeModule } from '@activation/service-runtime';
import { SourcesModule } from '@activation/sources';
import type { IngesterSettings } from './settings';

const SERVICE_NAME = 'ingester';

@Module({})
export class AppModule {
  static register(settings: IngesterSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceRuntimeModule.forRoot({ serviceName: SERVICE_NAME, settings, entities: CONFIGURATION_ENTITIES }),
        ConfigurationModule.forRoot({ serviceName: SERVICE_NAME, settings, dataSourceToken: DATA_SOURCE, loggerToken: ROOT_LOGGER }),
        IngestionModule.forRoot({ serviceName: SERVICE_NAME, settings }),
        SourcesModule.forRoot({ profileInputsTopic: settings.PROFILE_INPUTS_TOPIC }),
      ],
    };
  }
}
