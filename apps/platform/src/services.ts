// The platform launcher is the one composition root allowed to import the services' definitions.
import { adminApiService } from '@activation/services/admin-api';
import { emitterEventhubsService } from '@activation/services/emitter-eventhubs';
import { emitterLyticsService } from '@activation/services/emitter-lytics';
import { evaluatorService } from '@activation/services/evaluator';
import { functionInvokerService } from '@activation/services/function-invoker';
import { ingesterService } from '@activation/services/ingester';

/** Every service with the port it listens on (the same defaults as when each runs alone). */
export const PLATFORM_SERVICES = [
  { definition: adminApiService, port: 3000 },
  { definition: ingesterService, port: 3001 },
  { definition: evaluatorService, port: 3002 },
  { definition: emitterEventhubsService, port: 3003 },
  { definition: emitterLyticsService, port: 3004 },
  { definition: functionInvokerService, port: 3005 },
] as const;
