import { type DynamicModule, Module } from '@nestjs/common';
import { CONFIGURATION_ENTITIES, ConfigurationModule, type ConfigurationSettings } from '@activation/configuration';
import { DATA_SOURCE, ROOT_LOGGER, ServiceRuntimeModule } from '@activation/service-runtime';
import { AdminUseCasesModule } from '../admin.module';
import { CreateApiKeyUseCase } from '../api-keys/create-api-key.use-case';
import { ApplyConfiguration } from './apply/apply-configuration';

export const CLI_SERVICE_NAME = 'admin-cli';

/** What the CLI runs on: the same runtime, configuration library and use cases as the admin API. */
@Module({})
export class CliModule {
  static register(settings: ConfigurationSettings, options: { startCache: boolean }): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ServiceRuntimeModule.forRoot({ serviceName: CLI_SERVICE_NAME, settings, entities: CONFIGURATION_ENTITIES }),
        ConfigurationModule.forRoot({
          serviceName: CLI_SERVICE_NAME,
          settings,
          dataSourceToken: DATA_SOURCE,
          loggerToken: ROOT_LOGGER,
          startCache: options.startCache,
        }),
        AdminUseCasesModule,
      ],
      providers: [ApplyConfiguration, CreateApiKeyUseCase],
    };
  }
}
