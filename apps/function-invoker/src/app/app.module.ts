import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@activation/service-runtime';
import type { FunctionInvokerSettings } from './settings';

@Module({})
export class AppModule {
  static register(settings: FunctionInvokerSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceRuntimeModule.forRoot({ serviceName: 'function-invoker', settings })],
    };
  }
}
