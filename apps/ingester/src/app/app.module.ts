import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@activation/service-runtime';
import type { IngesterSettings } from './settings';

@Module({})
export class AppModule {
  static register(settings: IngesterSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceRuntimeModule.forRoot({ serviceName: 'ingester', settings })],
    };
  }
}
