import 'reflect-metadata';
import { runService } from '@activation/service-runtime';
import { ingesterService } from './service';

void runService(ingesterService);
