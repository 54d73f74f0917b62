import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@activation/service-runtime';
import type { EmitterLyticsSettings } from './settings';

@Module({})
export class AppModule {
  static register(settings: EmitterLyticsSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceRuntimeModule.forRoot({ serviceName: 'emitter-lytics', settings })],
    };
  }
}
