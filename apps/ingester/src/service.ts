import { configureIngestHttp } from '@activation/ingestion';
import type { ServiceDefinition } from '@activation/service-runtime';
import { AppModule } from './app/app.module';
import { IngesterSettings } from './app/settings';

/** How this service is built; main.ts runs it alone, the platform launcher runs it beside the others. */
export const ingesterService: ServiceDefinition<IngesterSettings> = {
  serviceName: 'ingester',
  settings: IngesterSettings,
  module: (settings) => AppModule.register(settings),
  configure: (app) => {
    configureIngestHttp(app);
  },
};
