import 'reflect-metadata';
import { runService } from '@activation/service-runtime';
import { functionInvokerService } from './service';

void runService(functionInvokerService);
