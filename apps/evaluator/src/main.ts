import 'reflect-metadata';
import { runService } from '@activation/service-runtime';
import { AppModule } from './app/app.module';
import { EvaluatorSettings } from './app/settings';

void runService({
  serviceName: 'evaluator',
  settings: EvaluatorSettings,
  module: (settings) => AppModule.register(settings),
});
