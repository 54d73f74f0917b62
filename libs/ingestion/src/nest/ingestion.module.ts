import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { ConfigurationCache } from '@activation/configuration';
import { KafkaMessageBus, MESSAGE_BUS, type MessageBus } from '@activation/kafka';
import { DATA_SOURCE, ROOT_LOGGER, ServiceMetrics, sharedBusView, tracedBus } from '@activation/service-runtime';
import { IngestController } from '../http/ingest.controller';
import { ProblemJsonFilter } from '../http/problem-json.filter';
import { WebhookController } from '../http/webhook.controller';
import type { IdempotencyStore } from '../idempotency/idempotency-store';
import { PostgresIdempotencyStore } from '../idempotency/postgres-idempotency-store';
import { RawIntakeHandler } from '../intake/raw-intake-handler';
import type { IngestLimits } from '../limits/ingest-limits';
import { IngestMetrics } from '../metrics/ingest-metrics';
import { FailFastPublisher, type ProfileInputPublisher } from '../publishing/fail-fast-publisher';
import { ingestLimitsOf, type IngestionSettings } from '../settings/ingestion-settings';
import { AcceptItems } from '../use-cases/accept-items';
import { IngestBatch } from '../use-cases/ingest-batch';
import { IngestWebhook } from '../use-cases/ingest-webhook';
import { ConfigurationWebhookSources } from '../webhooks/configuration-webhook-sources';
import { WEBHOOK_SOURCE_LOOKUP, type WebhookSourceLookup } from '../webhooks/webhook-source';
import { IdempotencyPurger } from './idempotency-purger';
import { PublisherLifecycle } from './publisher.lifecycle';
import { RawIntakeLifecycle } from './raw-intake.lifecycle';
import { IDEMPOTENCY_STORE, INGEST_LIMITS, PROFILE_INPUT_PUBLISHER } from './tokens';

/** A crashed ingester's idempotency claims lapse after this; a live one renews its own. */
const IDEMPOTENCY_LEASE_MS = 15_000;

export interface IngestionModuleOptions {
  serviceName: string;
  settings: IngestionSettings;
}

/**
 * The ingester's routes and raw-topic intake. Needs ServiceRuntimeModule (Postgres, bus, metrics,
 * logger) and ConfigurationModule (API keys, webhook sources) in the application; HTTP bodies must
 * reach the routes as raw bytes (see configureIngestHttp).
 */
@Module({})
export class IngestionModule {
  static forRoot(options: IngestionModuleOptions): DynamicModule {
    const { settings, serviceName } = options;
    return {
      module: IngestionModule,
      controllers: [IngestController, WebhookController],
      providers: [
        ProblemJsonFilter,
        { provide: INGEST_LIMITS, useValue: ingestLimitsOf(settings) },
        { provide: IngestMetrics, useFactory: (metrics: ServiceMetrics) => new IngestMetrics(metrics.registry), inject: [ServiceMetrics] },
        {
          provide: PROFILE_INPUT_PUBLISHER,
          useFactory: (root: Logger, sharedBus: MessageBus) => {
            const logger = root.child({ component: 'ingest-publisher' });
            return new FailFastPublisher({
              topic: settings.PROFILE_INPUTS_TOPIC,
              timeoutMs: settings.INGEST_PUBLISH_TIMEOUT_MS,
              cooldownMs: settings.INGEST_UNAVAILABLE_COOLDOWN_MS,
              logger,
              // On Kafka, a producer of its own with a short timeout, replaced after a failure;
              // on the embedded log, the service's bus (the database is the broker there).
              createBus: () =>
                settings.MESSAGE_BUS === 'embedded'
                  ? sharedBusView(sharedBus)
                  : tracedBus(
                      new KafkaMessageBus({
                        brokers: settings.KAFKA_BROKERS,
                        clientId: `${serviceName}-http-${settings.SERVICE_INSTANCE}`,
                        publishTimeoutMs: settings.INGEST_PUBLISH_TIMEOUT_MS,
                        logger,
                      }),
                      logger,
                    ),
            });
          },
          inject: [ROOT_LOGGER, MESSAGE_BUS],
        },
        {
          provide: PublisherLifecycle,
          useFactory: (publisher: ProfileInputPublisher) => new PublisherLifecycle(publisher),
          inject: [PROFILE_INPUT_PUBLISHER],
        },
        {
          provide: IDEMPOTENCY_STORE,
          useFactory: (dataSource: DataSource, root: Logger) => {
            const logger = root.child({ component: 'idempotency' });
            return new PostgresIdempotencyStore(dataSource, {
              ttlMs: settings.INGEST_IDEMPOTENCY_TTL_MS,
              waitMs: settings.INGEST_PUBLISH_TIMEOUT_MS + 10_000,
              leaseMs: IDEMPOTENCY_LEASE_MS,
              onLeaseLost: (claim) =>
                logger.warn({ scope: claim.scope }, 'an idempotency claim lapsed before its answer was stored; a retry may have run too'),
            });
          },
          inject: [DATA_SOURCE, ROOT_LOGGER],
        },
        {
          provide: IdempotencyPurger,
          useFactory: (store: IdempotencyStore, root: Logger) => new IdempotencyPurger(store, root.child({ component: 'idempotency' })),
          inject: [IDEMPOTENCY_STORE, ROOT_LOGGER],
        },
        {
          provide: WEBHOOK_SOURCE_LOOKUP,
          useFactory: (cache: ConfigurationCache) => new ConfigurationWebhookSources(cache),
          inject: [ConfigurationCache],
        },
        {
          provide: AcceptItems,
          useFactory: (publisher: ProfileInputPublisher, idempotency: IdempotencyStore, metrics: IngestMetrics, limits: IngestLimits) =>
            new AcceptItems({ publisher, idempotency, metrics, limits }),
          inject: [PROFILE_INPUT_PUBLISHER, IDEMPOTENCY_STORE, IngestMetrics, INGEST_LIMITS],
        },
        {
          provide: IngestBatch,
          useFactory: (accept: AcceptItems, limits: IngestLimits, metrics: IngestMetrics) => new IngestBatch(accept, limits, metrics),
          inject: [AcceptItems, INGEST_LIMITS, IngestMetrics],
        },
        {
          provide: IngestWebhook,
          useFactory: (sources: WebhookSourceLookup, accept: AcceptItems, limits: IngestLimits, metrics: IngestMetrics) =>
            new IngestWebhook(sources, accept, limits, metrics),
          inject: [WEBHOOK_SOURCE_LOOKUP, AcceptItems, INGEST_LIMITS, IngestMetrics],
        },
        {
          provide: RawIntakeHandler,
          useFactory: (bus: MessageBus, limits: IngestLimits, metrics: IngestMetrics) =>
            new RawIntakeHandler({ bus, outputTopic: settings.PROFILE_INPUTS_TOPIC, limits, metrics }),
          inject: [MESSAGE_BUS, INGEST_LIMITS, IngestMetrics],
        },
        {
          provide: RawIntakeLifecycle,
          useFactory: (bus: MessageBus, handler: RawIntakeHandler) =>
            new RawIntakeLifecycle(bus, handler, {
              enabled: settings.INGEST_RAW_INTAKE_ENABLED,
              rawTopic: settings.INGEST_RAW_TOPIC,
              outputTopic: settings.PROFILE_INPUTS_TOPIC,
              groupId: settings.INGEST_RAW_GROUP_ID,
              serviceName,
              partitions: settings.KAFKA_TOPIC_PARTITIONS,
              concurrency: settings.INGEST_RAW_CONCURRENCY,
            }),
          inject: [MESSAGE_BUS, RawIntakeHandler],
        },
      ],
      exports: [IngestMetrics, INGEST_LIMITS, RawIntakeHandler],
    };
  }
}
