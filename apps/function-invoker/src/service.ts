import type { ServiceDefinition } from '@activation/service-runtime';
import { AppModule } from './app/app.module';
import { FunctionInvokerSettings } from './app/settings';

/** How this service is built; main.ts runs it alone, the platform launcher runs it beside the others. */
export const functionInvokerService: ServiceDefinition<FunctionInvokerSettings> = {
  serviceName: 'function-invoker',
  settings: FunctionInvokerSettings,
  module: (settings, env) => AppModule.register(settings, env),
};
