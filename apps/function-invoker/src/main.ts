import 'reflect-metadata';
import { runService } from '@activation/service-runtime';
import { AppModule } from './app/app.module';
import { FunctionInvokerSettings } from './app/settings';

void runService({
  serviceName: 'function-invoker',
  settings: FunctionInvokerSettings,
  module: (settings) => AppModule.register(settings),
});
