import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@activation/service-runtime';
import type { EmitterEventhubsSettings } from './settings';

@Module({})
export class AppModule {
  static register(settings: EmitterEventhubsSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceRuntimeModule.forRoot({ serviceName: 'emitter-eventhubs', settings })],
    };
  }
}
