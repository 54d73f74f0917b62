import 'reflect-metadata';
import { runService } from '@activation/service-runtime';
import { evaluatorService } from './service';

void runService(evaluatorService);
