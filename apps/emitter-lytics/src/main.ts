import 'reflect-metadata';
import { runService } from '@activation/service-runtime';
import { emitterLyticsService } from './service';

void runService(emitterLyticsService);
