import type { ServiceDefinition } from '@activation/service-runtime';
import { AppModule } from './app/app.module';
import { EmitterEventhubsSettings } from './app/settings';

/** How this service is built; main.ts runs it alone, the platform launcher runs it beside the others. */
export const emitterEventhubsService: ServiceDefinition<EmitterEventhubsSettings> = {
  serviceName: 'emitter-eventhubs',
  settings: EmitterEventhubsSettings,
  module: (settings, env) => AppModule.register(settings, env),
};
