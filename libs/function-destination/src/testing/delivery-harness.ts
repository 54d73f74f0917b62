import { randomBytes } from 'node:crypto';
import pino, { type Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { CONFIGURATION_ENTITIES, ConfigurationCache, type SecretCipher } from '@activation/configuration';
import type { MembershipEventMessage } from '@activation/contracts';
import {
  ConfigurationDirectory, DeliveryEngine, DeliveryMetrics, deliveryOptions, KafkaTopicRangeReader,
  type DeliveryOptions, type SnapshotRequester, type TopicRangeReader,
} from '@activation/delivery';
import type { ConsumedMessage, MessageBus, Subscription } from '@activation/kafka';
import { createDataSource } from '@activation/persistence';
import { FunctionDestinationAdapter } from '../adapter/function-adapter';
import { AddressPolicy } from '../http/address-policy';
import { testCipher, testSecretKeys } from './configuration-fixtures';

/** What the spec provides (from @activation/testing): a migrated private schema and a bus. */
export interface HarnessInfrastructure {
  schema: { name: string; dataSource: DataSource; drop(): Promise<void> };
  /** Kafka, or the embedded log (then pass its `topicReader`, on the same schema). */
  bus: MessageBus;
  brokers: string[];
  /** How replays read the membership topic; Kafka at `brokers` unless given. */
  topicReader?: TopicRangeReader;
  /** The engine gets a pool of its own on the schema, sized like a service's (DATABASE_POOL_SIZE). */
  databaseUrl: string;
}

export interface HarnessOptions {
  partitions?: number;
  delivery?: Partial<DeliveryOptions>;
  allow?: string[];
  snapshots?: SnapshotRequester;
  /** Called with each membership batch as the invoker's consumer reads it. */
  onConsumed?: (messages: readonly ConsumedMessage[]) => void;
  /** The engine's logger (silent unless DELIVERY_SPEC_LOG sets a level). */
  logger?: Logger;
}

const quiet = pino({ level: process.env['DELIVERY_SPEC_LOG'] ?? 'silent' });

/**
 * A private schema and topics, a configuration cache over them, and (after `startEngine`) a
 * delivery engine with the function adapter consuming the membership topic: the invoker's
 * wiring without Nest, for specs.
 */
export class DeliveryHarness {
  readonly membershipTopic = unique('test.membership');
  readonly configTopic = unique('test.config-changes');
  readonly secretKeys = testSecretKeys();
  readonly cipher: SecretCipher = testCipher(this.secretKeys);
  readonly schema: HarnessInfrastructure['schema'];
  readonly bus: MessageBus;
  /** The engine's metrics, on a registry of their own. */
  readonly metrics = new DeliveryMetrics();
  cache?: ConfigurationCache;
  engine?: DeliveryEngine;
  private engineDataSource?: DataSource;
  private consumer?: Subscription;

  constructor(
    private readonly infrastructure: HarnessInfrastructure,
    private readonly options: HarnessOptions = {},
  ) {
    this.schema = infrastructure.schema;
    this.bus = infrastructure.bus;
  }

  get dataSource(): DataSource {
    return this.schema.dataSource;
  }

  async setUp(): Promise<this> {
    await this.bus.ensureTopics([
      { topic: this.membershipTopic, partitions: this.options.partitions ?? 3 },
      { topic: this.configTopic, partitions: 1 },
    ]);
    return this;
  }

  /** Loads the configuration written so far, starts the engine and its membership consumer. */
  async startEngine(): Promise<DeliveryEngine> {
    const dataSource = createDataSource(
      { url: this.infrastructure.databaseUrl, schema: this.schema.name, poolSize: 10, applicationName: 'delivery-spec' },
      CONFIGURATION_ENTITIES,
    );
    await dataSource.initialize();
    this.engineDataSource = dataSource;
    this.cache = new ConfigurationCache(dataSource, this.bus, this.cipher, quiet, {
      serviceName: 'function-invoker-spec', instance: 'spec', topic: this.configTopic, refreshIntervalMs: 0, apiKeyTtlMs: 0,
    });
    await this.cache.start();
    const options = deliveryOptions({
      service: 'function-invoker',
      workerId: unique('worker'),
      membershipTopic: this.membershipTopic,
      leaseTtlMs: 10_000,
      leaseRenewMs: 1_000,
      idlePollMs: 500,
      backoff: { initialMs: 100, maxMs: 1_000 },
      ...this.options.delivery,
    });
    this.engine = new DeliveryEngine({
      dataSource,
      directory: new ConfigurationDirectory(this.cache, ['function']),
      adapter: new FunctionDestinationAdapter({ policy: new AddressPolicy(this.options.allow ?? ['loopback']) }),
      options,
      logger: this.options.logger ?? quiet,
      metrics: this.metrics,
      snapshots: this.options.snapshots,
      topicReader: this.infrastructure.topicReader ?? new KafkaTopicRangeReader(this.infrastructure.brokers, 'delivery-spec-replay'),
    });
    await this.engine.start();
    const engine = this.engine;
    this.consumer = await this.bus.subscribe({
      groupId: unique('test-function-invoker'),
      topics: [this.membershipTopic],
      service: 'function-invoker',
      handler: (messages) => {
        this.options.onConsumed?.(messages);
        return engine.handleMembershipBatch(messages);
      },
    });
    return engine;
  }

  async publish(events: readonly MembershipEventMessage[]): Promise<void> {
    await this.bus.publish(this.membershipTopic, events.map((event) => ({ key: event.profileId, value: event })));
  }

  async tearDown(): Promise<void> {
    await this.consumer?.stop().catch(() => undefined);
    await this.engine?.stop().catch(() => undefined);
    await this.cache?.stop().catch(() => undefined);
    await this.engineDataSource?.destroy().catch(() => undefined);
    await this.bus.close().catch(() => undefined);
    await this.schema.drop().catch(() => undefined);
  }

  query<T = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    return this.schema.dataSource.query(sql, parameters);
  }
}

function unique(prefix: string): string {
  return `${prefix}.${randomBytes(4).toString('hex')}`;
}
