import { type DynamicModule, Module } from '@nestjs/common';
import { AlertsModule } from '@activation/alerts';
import { BlobExportAdapter, BlobExportModule } from '@activation/blob-export';
import { CONFIGURATION_ENTITIES, ConfigurationModule } from '@activation/configuration';
import { CompositeDeliveryAdapter, DeliveryModule } from '@activation/delivery';
import { LyticsDestinationAdapter } from '@activation/lytics-destination';
import { EventExportModule } from '@activation/event-export';
import { DATA_SOURCE, ROOT_LOGGER, ServiceRuntimeModule } from '@activation/service-runtime';
import type { EmitterLyticsSettings } from './settings';

const SERVICE = 'emitter-lytics';

@Module({})
export class AppModule {
  static register(settings: EmitterLyticsSettings, env: NodeJS.ProcessEnv = process.env): DynamicModule {
    // One adapter per destination kind this emitter serves.
    const blobExport = new BlobExportAdapter();
    const adapter = new CompositeDeliveryAdapter([new LyticsDestinationAdapter(), blobExport]);
    return {
      module: AppModule,
      imports: [
        ServiceRuntimeModule.forRoot({ serviceName: SERVICE, settings, entities: CONFIGURATION_ENTITIES }),
        ConfigurationModule.forRoot({ serviceName: SERVICE, settings, dataSourceToken: DATA_SOURCE, loggerToken: ROOT_LOGGER, startCache: false }),
        BlobExportModule.forAdapter(blobExport),
        DeliveryModule.forRoot({ service: SERVICE, settings, adapter }),
        AlertsModule.forRoot(env),
        EventExportModule.forRoot(settings),
      ],
    };
  }
}
