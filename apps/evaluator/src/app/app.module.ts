import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@activation/service-runtime';
import type { EvaluatorSettings } from './settings';

@Module({})
export class AppModule {
  static register(settings: EvaluatorSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceRuntimeModule.forRoot({ serviceName: 'evaluator', settings })],
    };
  }
}
