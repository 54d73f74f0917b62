import 'reflect-metadata';
import { runService } from '@activation/service-runtime';
import { emitterEventhubsService } from './service';

void runService(emitterEventhubsService);
