import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type ModuleMetadata,
  type OnApplicationBootstrap,
  type Provider,
} from '@nestjs/common';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { TOPICS, type AudienceCatalog } from '@activation/contracts';
import { MESSAGE_BUS, type MessageBus } from '@activation/kafka';
import { DATA_SOURCE, ROOT_LOGGER, ServiceMetrics } from '@activation/service-runtime';
import { AudienceQueries } from '../admin/audience-queries';
import { EvaluationEngine } from '../evaluation-engine';
import { SnapshotRequests } from '../jobs/snapshot-requests';
import { systemClock, type Clock } from '../runtime/clock';
import type { CrashHook } from '../runtime/crash-points';
import { EvaluationMetrics } from '../runtime/evaluation-metrics';
import type { EvaluationOptions } from '../runtime/evaluation-options';
import { profileInputsController, snapshotRequestsController } from './evaluation-controllers';
import { AUDIENCE_CATALOG, EVALUATION_CLOCK } from './tokens';

export interface EvaluationModuleOptions {
  /** Must provide AUDIENCE_CATALOG. */
  catalog: Provider;
  /** Modules the catalog provider needs. */
  imports?: ModuleMetadata['imports'];
  profileInputsTopic?: string;
  snapshotRequestsTopic?: string;
  evaluation?: Partial<EvaluationOptions>;
  clock?: Clock;
  crashHook?: CrashHook;
}

@Injectable()
class EvaluationLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(EvaluationEngine) private readonly engine: EvaluationEngine) {}

  onApplicationBootstrap(): Promise<void> {
    return this.engine.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.engine.stop();
  }
}

/**
 * The evaluator inside a Nest service: batch consumers of profile inputs and snapshot requests,
 * and the engine's background work. Needs ServiceRuntimeModule (Postgres, the bus, metrics, logs).
 */
@Module({})
export class EvaluationModule {
  static forRoot(options: EvaluationModuleOptions): DynamicModule {
    const engine: Provider = {
      provide: EvaluationEngine,
      useFactory: (dataSource: DataSource, bus: MessageBus, catalog: AudienceCatalog, clock: Clock, metrics: ServiceMetrics, logger: Logger) =>
        new EvaluationEngine({
          dataSource,
          bus,
          catalog,
          clock,
          logger: logger.child({ component: 'evaluation' }),
          metrics: new EvaluationMetrics(metrics.registry),
          options: options.evaluation,
          crashHook: options.crashHook,
        }),
      inject: [DATA_SOURCE, MESSAGE_BUS, AUDIENCE_CATALOG, EVALUATION_CLOCK, ServiceMetrics, ROOT_LOGGER],
    };
    return {
      module: EvaluationModule,
      imports: options.imports ?? [],
      controllers: [
        profileInputsController(options.profileInputsTopic ?? TOPICS.profileInputs),
        snapshotRequestsController(options.snapshotRequestsTopic ?? TOPICS.snapshotRequests),
      ],
      providers: [
        options.catalog,
        { provide: EVALUATION_CLOCK, useValue: options.clock ?? systemClock },
        engine,
        EvaluationLifecycle,
        { provide: AudienceQueries, useFactory: (e: EvaluationEngine) => e.queries, inject: [EvaluationEngine] },
        { provide: SnapshotRequests, useFactory: (e: EvaluationEngine) => e.snapshots, inject: [EvaluationEngine] },
      ],
      exports: [EvaluationEngine, AudienceQueries, SnapshotRequests],
    };
  }
}
