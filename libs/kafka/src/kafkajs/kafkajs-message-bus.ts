import { Kafka, type Admin, type Producer } from 'kafkajs';
import { deadLetterTopicOf } from '@activation/contracts';
import type { BusObserver } from '../bus/bus-observer';
import type { PartitionLag } from '../bus/consumer-lag';
import { encodeValue } from '../bus/encode';
import { silentLogger, type BusLogger } from '../bus/logger';
import type { MessageBus, OutgoingMessage, Subscription, SubscribeOptions, TopicSpec } from '../bus/message-bus';
import { newTraceparent } from '../bus/trace-context';
import type { BackoffPolicy } from '../processing/backoff';
import type { DeadLetterRecorder } from '../processing/dead-letter';
import { fetchConsumerLag } from './fetch-consumer-lag';
import { startConsumer } from './kafkajs-consumer';
import { kafkajsLogCreator } from './kafkajs-logger';
import { quietKafkajsNegativeTimeoutWarning } from './quiet-negative-timeout-warning';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  defaultPartitions?: number;
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  logger?: BusLogger;
  deadLetters?: DeadLetterRecorder;
  observer?: BusObserver;
  /** How long a publish may wait for the broker before failing (so callers can answer 503). */
  publishTimeoutMs?: number;
}

export class KafkaMessageBus implements MessageBus {
  private readonly kafka: Kafka;
  private readonly logger: BusLogger;
  private producer?: Promise<Producer>;
  private admin?: Promise<Admin>;
  private readonly subscriptions = new Set<Subscription>();
  /** Group and topics of each running subscription, for consumer lag. */
  private readonly consumed = new Map<Subscription, { groupId: string; topics: string[] }>();

  constructor(private readonly options: KafkaBusOptions) {
    quietKafkajsNegativeTimeoutWarning();
    this.logger = options.logger ?? silentLogger;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logCreator: kafkajsLogCreator(this.logger),
      connectionTimeout: 3_000,
      requestTimeout: options.publishTimeoutMs ?? 30_000,
      retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5_000 },
    });
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.connectedProducer();
    await producer.send({
      topic,
      acks: -1,
      messages: messages.map((message) => ({
        key: message.key,
        value: encodeValue(message.value),
        headers: message.headers?.['traceparent'] ? message.headers : { ...message.headers, traceparent: newTraceparent() },
      })),
    });
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const subscription = await startConsumer(options, {
      kafka: this.kafka,
      logger: this.logger,
      backoff: this.options.backoff ?? { initialMs: 200, maxMs: 10_000 },
      defaultMaxAttempts: this.options.maxAttempts ?? 5,
      deadLetters: this.options.deadLetters,
      observer: this.options.observer,
      publish: (topic, messages) => this.publish(topic, messages),
    });
    this.subscriptions.add(subscription);
    this.consumed.set(subscription, { groupId: options.groupId, topics: [...options.topics] });
    return {
      stop: async () => {
        this.subscriptions.delete(subscription);
        this.consumed.delete(subscription);
        await subscription.stop();
      },
    };
  }

  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    const admin = await this.connectedAdmin();
    const existing = new Set(await admin.listTopics());
    const wanted = specs.flatMap((spec) => {
      const numPartitions = spec.partitions ?? this.options.defaultPartitions ?? 6;
      const topics = [spec.topic, ...(spec.withDeadLetterTopic ? [deadLetterTopicOf(spec.topic)] : [])];
      return topics.map((topic) => ({ topic, numPartitions, replicationFactor: -1 }));
    });
    const missing = wanted.filter((spec) => !existing.has(spec.topic));
    if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
  }

  async ping(timeoutMs = 3_000): Promise<void> {
    const admin = await this.connectedAdmin();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Kafka did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([admin.describeCluster(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async consumerLag(): Promise<PartitionLag[]> {
    if (this.consumed.size === 0) return [];
    return fetchConsumerLag(await this.connectedAdmin(), [...this.consumed.values()]);
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.subscriptions.clear();
    this.consumed.clear();
    const [producer, admin] = [this.producer, this.admin];
    this.producer = undefined;
    this.admin = undefined;
    await Promise.all([
      producer?.then((p) => p.disconnect()).catch(() => undefined),
      admin?.then((a) => a.disconnect()).catch(() => undefined),
    ]);
  }

  private connectedProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      this.producer = producer.connect().then(() => producer);
      this.producer.catch(() => (this.producer = undefined));
    }
    return this.producer;
  }

  private connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      this.admin = admin.connect().then(() => admin);
      this.admin.catch(() => (this.admin = undefined));
    }
    return this.admin;
  }
}
