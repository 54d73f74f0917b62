import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@activation/service-runtime';
import type { AdminApiSettings } from './settings';

@Module({})
export class AppModule {
  static register(settings: AdminApiSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceRuntimeModule.forRoot({ serviceName: 'admin-api', settings })],
    };
  }
}
