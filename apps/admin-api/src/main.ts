import 'reflect-metadata';
import { runService } from '@activation/service-runtime';
import { adminApiService } from './service';

void runService(adminApiService);
