import 'reflect-metadata';
import { runService } from '@activation/service-runtime';
import { AppModule } from './app/app.module';
import { EmitterEventhubsSettings } from './app/settings';

void runService({
  serviceName: 'emitter-eventhubs',
  settings: EmitterEventhubsSettings,
  module: (settings) => AppModule.register(settings),
});
