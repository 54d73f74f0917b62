import 'reflect-metadata';
import { runService } from '@activation/service-runtime';
import { AppModule } from './app/app.module';
import { EmitterLyticsSettings } from './app/settings';

void runService({
  serviceName: 'emitter-lytics',
  settings: EmitterLyticsSettings,
  module: (settings) => AppModule.register(settings),
});
