import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { CONFIGURATION_ENTITIES, ConfigurationCache, SecretCipher, SecretKeyring } from '@activation/configuration';
import type { MembershipEventMessage } from '@activation/contracts';
import { ConfigurationDirectory, DeliveryEngine, deliveryOptions, KafkaTopicRangeReader, type DeliveryOptions } from '@activation/delivery';
import type { KafkaMessageBus, Subscription } from '@activation/kafka';
import { createDataSource } from '@activation/persistence';
import type { RetryOptions } from '@azure/event-hubs';
import { EventHubsDestinationAdapter } from '../adapter/eventhubs-adapter';
import { EventHubsMetrics } from '../metrics/eventhubs-metrics';
import { PostgresPartnerIdMemory } from '../partner-ids/partner-id-memory';

/** What the spec provides (from @activation/testing): a migrated private schema, a bus and a keyring (`testSecretKeys()`). */
export interface HarnessInfrastructure {
  schema: { name: string; dataSource: DataSource; drop(): Promise<void> };
  bus: KafkaMessageBus;
  brokers: string[];
  databaseUrl: string;
  secretKeys: string;
}

export interface HarnessOptions {
  partitions?: number;
  /** The membership topic to consume (a fresh one when not given). */
  membershipTopic?: string;
  delivery?: Partial<DeliveryOptions>;
  siteNumber?: number;
  retry?: RetryOptions;
}

const quiet = pino({ level: process.env['DELIVERY_SPEC_LOG'] ?? 'silent' });

/**
 * A private schema and topics, a configuration cache over them, and (after `startEngine`) a
 * delivery engine with the Event Hubs adapter consuming the membership topic: the emitter's
 * wiring without Nest, for specs.
 */
export class EventHubsDeliveryHarness {
  readonly membershipTopic: string;
  readonly configTopic = unique('test.config-changes');
  readonly secretKeys: string;
  readonly cipher: SecretCipher;
  readonly metrics = new EventHubsMetrics();
  engine?: DeliveryEngine;
  private cache?: ConfigurationCache;
  private engineDataSource?: DataSource;
  private consumer?: Subscription;

  constructor(
    private readonly infrastructure: HarnessInfrastructure,
    private readonly options: HarnessOptions = {},
  ) {
    this.membershipTopic = options.membershipTopic ?? unique('test.membership');
    this.secretKeys = infrastructure.secretKeys;
    this.cipher = new SecretCipher(SecretKeyring.fromSettings({ SECRETS_KEYS: infrastructure.secretKeys }));
  }

  get dataSource(): DataSource {
    return this.infrastructure.schema.dataSource;
  }

  async setUp(): Promise<this> {
    await this.infrastructure.bus.ensureTopics([
      { topic: this.membershipTopic, partitions: this.options.partitions ?? 3 },
      { topic: this.configTopic, partitions: 1 },
    ]);
    return this;
  }

  async startEngine(): Promise<DeliveryEngine> {
    const dataSource = createDataSource(
      { url: this.infrastructure.databaseUrl, schema: this.infrastructure.schema.name, poolSize: 10, applicationName: 'eventhubs-spec' },
      CONFIGURATION_ENTITIES,
    );
    await dataSource.initialize();
    this.engineDataSource = dataSource;
    this.cache = new ConfigurationCache(dataSource, this.infrastructure.bus, this.cipher, quiet, {
      serviceName: 'emitter-eventhubs-spec', instance: 'spec', topic: this.configTopic, refreshIntervalMs: 0, apiKeyTtlMs: 0,
    });
    await this.cache.start();
    this.engine = new DeliveryEngine({
      dataSource,
      directory: new ConfigurationDirectory(this.cache, ['eventhubs']),
      adapter: new EventHubsDestinationAdapter({
        siteNumber: this.options.siteNumber ?? 1234,
        metrics: this.metrics,
        retry: this.options.retry ?? { maxRetries: 0, timeoutInMs: 3_000 },
        partnerIds: new PostgresPartnerIdMemory(dataSource),
      }),
      options: deliveryOptions({
        service: 'emitter-eventhubs',
        workerId: unique('worker'),
        membershipTopic: this.membershipTopic,
        leaseTtlMs: 10_000,
        leaseRenewMs: 1_000,
        idlePollMs: 300,
        backoff: { initialMs: 100, maxMs: 1_000 },
        ...this.options.delivery,
      }),
      logger: quiet,
      topicReader: new KafkaTopicRangeReader(this.infrastructure.brokers, 'eventhubs-spec-replay'),
    });
    await this.engine.start();
    const engine = this.engine;
    this.consumer = await this.infrastructure.bus.subscribe({
      groupId: unique('test-emitter-eventhubs'),
      topics: [this.membershipTopic],
      service: 'emitter-eventhubs',
      handler: (messages) => engine.handleMembershipBatch(messages),
    });
    return engine;
  }

  async publish(events: readonly MembershipEventMessage[]): Promise<void> {
    await this.infrastructure.bus.publish(this.membershipTopic, events.map((event) => ({ key: event.profileId, value: event })));
  }

  async skippedRows(syncId: number): Promise<number> {
    const metric = await this.metrics.skippedRows.get();
    return metric.values.find((value) => value.labels['sync_id'] === String(syncId))?.value ?? 0;
  }

  async tearDown(): Promise<void> {
    await this.consumer?.stop().catch(() => undefined);
    await this.engine?.stop().catch(() => undefined);
    await this.cache?.stop().catch(() => undefined);
    await this.engineDataSource?.destroy().catch(() => undefined);
  }

  query<T = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    return this.dataSource.query(sql, parameters);
  }
}

function unique(prefix: string): string {
  return `${prefix}.${randomBytes(4).toString('hex')}`;
}
