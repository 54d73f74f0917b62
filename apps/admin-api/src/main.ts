import 'reflect-metadata';
import { configureAdminHttp } from '@activation/admin';
import { runService } from '@activation/service-runtime';
import { AppModule, SERVICE_NAME } from './app/app.module';
import { AdminApiSettings } from './app/settings';

void runService({
  serviceName: SERVICE_NAME,
  settings: AdminApiSettings,
  module: (settings) => AppModule.register(settings),
  configure: (app) => configureAdminHttp(app),
});
