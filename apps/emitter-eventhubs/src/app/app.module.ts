import { type DynamicModule, Inject, Injectable, Module } from '@nestjs/common';
import { AlertsModule } from '@activation/alerts';
import { CONFIGURATION_ENTITIES, ConfigurationModule } from '@activation/configuration';
import { DeliveryModule } from '@activation/delivery';
import type { DataSource } from 'typeorm';
import { EventHubsDestinationAdapter, EventHubsMetrics, PostgresPartnerIdMemory } from '@activation/eventhubs-destination';
import { DATA_SOURCE, ROOT_LOGGER, ServiceMetrics, ServiceRuntimeModule } from '@activation/service-runtime';
import type { EmitterEventhubsSettings } from './settings';

const SERVICE = 'emitter-eventhubs';

/** Puts the emitter's own metrics (skipped rows, messages sent) on the service's registry. */
@Injectable()
class BindEventHubsMetrics {
  constructor(@Inject(ServiceMetrics) service: ServiceMetrics, @Inject(EventHubsMetrics) metrics: EventHubsMetrics) {
    metrics.bind(service.registry);
  }
}

@Module({})
export class AppModule {
  static register(settings: EmitterEventhubsSettings, env: NodeJS.ProcessEnv = process.env): DynamicModule {
    const metrics = new EventHubsMetrics();
    const adapter = new EventHubsDestinationAdapter({ siteNumber: settings.SITE_NUMBER, metrics });
    return {
      module: AppModule,
      imports: [
        ServiceRuntimeModule.forRoot({ serviceName: SERVICE, settings, entities: CONFIGURATION_ENTITIES }),
        ConfigurationModule.forRoot({ serviceName: SERVICE, settings, dataSourceToken: DATA_SOURCE, loggerToken: ROOT_LOGGER, startCache: false }),
        DeliveryModule.forRoot({ service: SERVICE, settings, adapter }),
        AlertsModule.forRoot(env),
      ],
      providers: [
        { provide: EventHubsMetrics, useValue: metrics },
        BindEventHubsMetrics,
        {
          // Before the delivery engine starts (on bootstrap), so every sender remembers the partner ids it sent.
          provide: PostgresPartnerIdMemory,
          useFactory: (dataSource: DataSource) => {
            const memory = new PostgresPartnerIdMemory(dataSource);
            adapter.usePartnerIdMemory(memory);
            return memory;
          },
          inject: [DATA_SOURCE],
        },
      ],
    };
  }
}
