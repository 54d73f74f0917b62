import { configureAdminHttp } from '@activation/admin';
import type { ServiceDefinition } from '@activation/service-runtime';
import { AppModule, SERVICE_NAME } from './app/app.module';
import { AdminApiSettings } from './app/settings';

/** How this service is built; main.ts runs it alone, the platform launcher runs it beside the others. */
export const adminApiService: ServiceDefinition<AdminApiSettings> = {
  serviceName: SERVICE_NAME,
  settings: AdminApiSettings,
  module: (settings) => AppModule.register(settings),
  configure: (app) => configureAdminHttp(app),
};
