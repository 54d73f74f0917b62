import type { ServiceDefinition } from '@activation/service-runtime';
import { AppModule } from './app/app.module';
import { EvaluatorSettings } from './app/settings';

/** How this service is built; main.ts runs it alone, the platform launcher runs it beside the others. */
export const evaluatorService: ServiceDefinition<EvaluatorSettings> = {
  serviceName: 'evaluator',
  settings: EvaluatorSettings,
  module: (settings) => AppModule.register(settings),
};
