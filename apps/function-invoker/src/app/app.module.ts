import { type DynamicModule, Module } from '@nestjs/common';
import { AlertsModule } from '@activation/alerts';
import { CONFIGURATION_ENTITIES, ConfigurationModule } from '@activation/configuration';
import { DeliveryModule } from '@activation/delivery';
import { AddressPolicy, FunctionDestinationAdapter } from '@activation/function-destination';
import { DATA_SOURCE, ROOT_LOGGER, ServiceRuntimeModule } from '@activation/service-runtime';
import type { FunctionInvokerSettings } from './settings';

const SERVICE = 'function-invoker';

@Module({})
export class AppModule {
  static register(settings: FunctionInvokerSettings, env: NodeJS.ProcessEnv = process.env): DynamicModule {
    const adapter = new FunctionDestinationAdapter({ policy: AddressPolicy.fromSetting(settings.DELIVERY_ALLOWED_PRIVATE_NETWORKS) });
    return {
      module: AppModule,
      imports: [
        ServiceRuntimeModule.forRoot({ serviceName: SERVICE, settings, entities: CONFIGURATION_ENTITIES }),
        ConfigurationModule.forRoot({ serviceName: SERVICE, settings, dataSourceToken: DATA_SOURCE, loggerToken: ROOT_LOGGER, startCache: false }),
        DeliveryModule.forRoot({ service: SERVICE, settings, adapter }),
        AlertsModule.forRoot(env),
      ],
    };
  }
}
