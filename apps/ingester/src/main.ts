import 'reflect-metadata';
import { configureIngestHttp } from '@activation/ingestion';
import { runService } from '@activation/service-runtime';
import { AppModule } from './app/app.module';
import { IngesterSettings } from './app/settings';

void runService({
  serviceName: 'ingester',
  settings: IngesterSettings,
  module: (settings) => AppModule.register(settings),
  configure: (app) => {
    configureIngestHttp(app);
  },
});
