import { randomBytes } from 'node:crypto';
import { type BeforeApplicationShutdown, type DynamicModule, Inject, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { ConfigurationCache } from '@activation/configuration';
import { EmbeddedLogRangeReader } from '@activation/embedded-log';
import { MESSAGE_BUS, type MessageBus } from '@activation/kafka';
import { DATA_SOURCE, ROOT_LOGGER, ServiceMetrics } from '@activation/service-runtime';
import { DeliveryEngine } from '../engine/delivery-engine';
import type { DeliveryAdapter } from '../model/delivery-adapter';
import { KafkaTopicRangeReader, type TopicRangeReader } from '../replay/topic-range-reader';
import { TopicSnapshotRequester } from '../resync/snapshot-requester';
import { DeliveryMetrics } from '../runtime/delivery-metrics';
import { ConfigurationDirectory } from '../routing/configuration-directory';
import { deliveryOptionsFromSettings, type DeliverySettings } from './delivery-settings';
import { membershipController } from './membership-controller';
import { DELIVERY_ENGINE } from './tokens';

export interface DeliveryModuleOptions {
  /** The emitter's name (consumer group, worker registry, leases). */
  service: string;
  settings: DeliverySettings;
  adapter: DeliveryAdapter;
  /**
   * Start the configuration cache here, before the engine (pass `startCache: false` to
   * ConfigurationModule then), so the engine never routes with an empty configuration.
   */
  startConfigurationCache?: boolean;
}

const OPTIONS = Symbol('DELIVERY_MODULE_OPTIONS');

/** Replay reads the membership topic from the bus the service runs on, never from another one. */
function topicReaderFor(settings: DeliverySettings, service: string, dataSource: DataSource): TopicRangeReader {
  if (settings.MESSAGE_BUS === 'embedded') return new EmbeddedLogRangeReader(dataSource);
  return new KafkaTopicRangeReader(settings.KAFKA_BROKERS, `${service}-replay`);
}

@Injectable()
class DeliveryLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(DELIVERY_ENGINE) private readonly engine: DeliveryEngine,
    @Inject(ConfigurationCache) private readonly cache: ConfigurationCache,
    @Inject(OPTIONS) private readonly options: DeliveryModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.startConfigurationCache ?? true) await this.cache.start();
    await this.engine.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.engine.stop();
  }
}

/**
 * An emitter on the delivery framework inside a Nest service: the membership consumer, the
 * engine (queues, dispatchers, leases, replays) and its lifecycle. Needs ServiceRuntimeModule
 * and ConfigurationModule.
 */
@Module({})
export class DeliveryModule {
  static forRoot(options: DeliveryModuleOptions): DynamicModule {
    const { settings, service } = options;
    return {
      module: DeliveryModule,
      controllers: [membershipController(settings.MEMBERSHIP_TOPIC)],
      providers: [
        { provide: OPTIONS, useValue: options },
        {
          provide: DELIVERY_ENGINE,
          useFactory: (dataSource: DataSource, bus: MessageBus, cache: ConfigurationCache, logger: Logger, metrics: ServiceMetrics) => {
            const workerId = `${service}-${settings.SERVICE_INSTANCE}-${process.pid}-${randomBytes(3).toString('hex')}`;
            return new DeliveryEngine({
              dataSource,
              directory: new ConfigurationDirectory(cache, options.adapter.kinds),
              adapter: options.adapter,
              options: deliveryOptionsFromSettings(settings, service, workerId),
              logger: logger.child({ component: 'delivery' }),
              snapshots: settings.DELIVERY_REQUEST_INITIAL_SYNC ? new TopicSnapshotRequester(bus, settings.SNAPSHOT_REQUESTS_TOPIC) : undefined,
              topicReader: topicReaderFor(settings, service, dataSource),
              metrics: new DeliveryMetrics(metrics.registry),
            });
          },
          inject: [DATA_SOURCE, MESSAGE_BUS, ConfigurationCache, ROOT_LOGGER, ServiceMetrics],
        },
        DeliveryLifecycle,
      ],
      exports: [DELIVERY_ENGINE],
    };
  }
}
