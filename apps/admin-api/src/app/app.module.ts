import { type DynamicModule, Module } from '@nestjs/common';
import { AdminModule } from '@activation/admin';
import { BlobExportAdapter } from '@activation/blob-export';
import { CONFIGURATION_ENTITIES, ConfigurationModule } from '@activation/configuration';
import { TOPICS } from '@activation/contracts';
import { AdapterDestinationTester, DeliveryAdminModule } from '@activation/delivery';
import { EventExportAdminModule, EventExportDestinationTester } from '@activation/event-export';
import { EventHubsDestinationTester } from '@activation/eventhubs-destination';
import { AddressPolicy, FunctionDestinationAdapter, FunctionDestinationTester } from '@activation/function-destination';
import { LyticsDestinationAdapter, LyticsDestinationTester } from '@activation/lytics-destination';
import { DATA_SOURCE, ROOT_LOGGER, ServiceRuntimeModule } from '@activation/service-runtime';
import type { AdminApiSettings } from './settings';

export const SERVICE_NAME = 'admin-api';

@Module({})
export class AppModule {
  static register(settings: AdminApiSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceRuntimeModule.forRoot({ serviceName: SERVICE_NAME, settings, entities: CONFIGURATION_ENTITIES }),
        ConfigurationModule.forRoot({ serviceName: SERVICE_NAME, settings, dataSourceToken: DATA_SOURCE, loggerToken: ROOT_LOGGER }),
        AdminModule.register({ bootstrapKey: settings.ADMIN_BOOTSTRAP_KEY }),
        DeliveryAdminModule.forRoot({
          kinds: ['function', 'eventhubs', 'lytics-eventhubs', 'blob-export'],
          snapshotRequestsTopic: TOPICS.snapshotRequests,
          testers: {
            eventhubs: new EventHubsDestinationTester(),
            'blob-export': new AdapterDestinationTester(new BlobExportAdapter()),
            // Unlike audience exports, event exports never create their container: the test does not either.
            'event-export': new EventExportDestinationTester(),
            'lytics-eventhubs': new LyticsDestinationTester(new LyticsDestinationAdapter()),
            function: new FunctionDestinationTester(
              new FunctionDestinationAdapter({ policy: AddressPolicy.fromSetting(settings.DELIVERY_ALLOWED_PRIVATE_NETWORKS) }),
            ),
          },
        }),
        EventExportAdminModule,
      ],
    };
  }
}
