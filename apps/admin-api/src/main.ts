import 'reflect-metadata';
import { runService } from '@activation/service-runtime';
import { AppModule } from './app/app.module';
import { AdminApiSettings } from './app/settings';

void runService({
  serviceName: 'admin-api',
  settings: AdminApiSettings,
  module: (settings) => AppModule.register(settings),
});
