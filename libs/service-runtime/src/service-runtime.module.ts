import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { Logger } from 'pino';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import type { PlatformSettings } from '@activation/config';
import { MESSAGE_BUS, DEAD_LETTER_RECORDER, type MessageBus } from '@activation/kafka';
import { createDataSource, TypeormDeadLetterRecorder } from '@activation/persistence';
import { HealthController } from './health/health.controller';
import { createLogger } from './logging/create-logger';
import { tracedBus } from './logging/traced-bus';
import { stopTracing } from './tracing/tracing';
import { ServiceMetrics } from './metrics/metrics';
import { MetricsController } from './metrics/metrics.controller';
import { DATA_SOURCE, ROOT_LOGGER, SERVICE_NAME, SETTINGS } from './tokens/tokens';
import { connectDataSource } from './bootstrap/connect-data-source';
import { createMessageBus } from './bootstrap/create-message-bus';

export interface ServiceRuntimeOptions {
  serviceName: string;
  settings: PlatformSettings;
  entities?: MixedList<string | (new (...args: never[]) => unknown) | EntitySchema>;
}

/**
 * What every service shares: settings, JSON logs, the message bus, Postgres, health and metrics.
 * Closing the module (SIGTERM) stops consumers after their in-flight batch, then disconnects.
 */
@Global()
@Module({})
export class ServiceRuntimeModule implements OnApplicationShutdown {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  static forRoot(options: ServiceRuntimeOptions): DynamicModule {
    const { serviceName, settings } = options;
    const logger = createLogger(serviceName, settings.LOG_LEVEL);
    return {
      module: ServiceRuntimeModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_NAME, useValue: serviceName },
        { provide: SETTINGS, useValue: settings },
        { provide: ROOT_LOGGER, useValue: logger },
        { provide: ServiceMetrics, useValue: new ServiceMetrics(serviceName) },
        {
          provide: DATA_SOURCE,
          useFactory: () =>
            connectDataSource(
              createDataSource(
                {
                  url: settings.DATABASE_URL,
                  schema: settings.DATABASE_SCHEMA,
                  poolSize: settings.DATABASE_POOL_SIZE,
                  applicationName: serviceName,
                },
                options.entities ?? [],
              ),
              logger,
            ),
        },
        {
          provide: DEAD_LETTER_RECORDER,
          useFactory: (dataSource: DataSource) => new TypeormDeadLetterRecorder(dataSource),
          inject: [DATA_SOURCE],
        },
        {
          provide: MESSAGE_BUS,
          useFactory: (dataSource: DataSource, recorder: TypeormDeadLetterRecorder, metrics: ServiceMetrics, root: Logger) =>
            observedBus(metrics, root, createMessageBus(settings, {
              serviceName,
              dataSource,
              deadLetters: recorder,
              logger: root,
              observer: metrics.busObserver(),
            })),
          inject: [DATA_SOURCE, DEAD_LETTER_RECORDER, ServiceMetrics, ROOT_LOGGER],
        },
      ],
      exports: [SERVICE_NAME, SETTINGS, ROOT_LOGGER, ServiceMetrics, DATA_SOURCE, MESSAGE_BUS, DEAD_LETTER_RECORDER],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await stopTracing().catch(() => undefined);
  }
}

/** The service's bus, traced in debug logs, with its consumer lag on `/metrics`. */
function observedBus(metrics: ServiceMetrics, logger: Logger, bus: MessageBus): MessageBus {
  const readLag = bus.consumerLag?.bind(bus);
  if (readLag) metrics.observeConsumerLag(readLag);
  return tracedBus(bus, logger.child({ component: 'messaging' }));
}
