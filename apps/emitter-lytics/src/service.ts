import type { ServiceDefinition } from '@activation/service-runtime';
import { AppModule } from './app/app.module';
import { EmitterLyticsSettings } from './app/settings';

/** How this service is built; main.ts runs it alone, the platform launcher runs it beside the others. */
export const emitterLyticsService: ServiceDefinition<EmitterLyticsSettings> = {
  serviceName: 'emitter-lytics',
  settings: EmitterLyticsSettings,
  module: (settings, env) => AppModule.register(settings, env),
};
