import type { DataSource } from 'typeorm';
import { deadLetterTopicOf } from '@activation/contracts';
import {
  encodeValue, newTraceparent, silentLogger,
  type BackoffPolicy, type BusLogger, type BusObserver, type DeadLetterRecorder, type MessageBus,
  type OutgoingMessage, type PartitionLag, type Subscription, type SubscribeOptions, type TopicSpec,
} from '@activation/kafka';
import { resolveTimings, type ConsumerTimings } from './consumer/consumer-timings';
import { LogConsumer } from './consumer/log-consumer';
import { announceAppended } from './consumer/wakeups';
import { appendRecords, type RecordToAppend } from './log/append-records';
import { assertGroupId, assertPartitions, assertTopicName } from './log/names';
import { TopicRegistry, UnknownTopicError } from './log/topic-registry';
import { Partitioner } from './partitioner/partitioner';
import { sqlOf } from './sql/sql-client';

export interface EmbeddedLogBusOptions {
  /** The platform's DataSource (migrated: the log tables come from @activation/persistence). Not closed by the bus. */
  dataSource: DataSource;
  /** Names the bus's group members in the database, for an operator reading the tables. */
  clientId: string;
  defaultPartitions?: number;
  /**
   * Publishing to a missing topic creates it with `defaultPartitions`. Off by default, like the
   * platform's brokers (`auto.create.topics.enable=false`): publishing to a missing topic fails.
   */
  autoCreateTopics?: boolean;
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  logger?: BusLogger;
  deadLetters?: DeadLetterRecorder;
  observer?: BusObserver;
  timings?: Partial<ConsumerTimings>;
}

/**
 * The MessageBus on a Postgres-backed append-only log: the single-machine default of the
 * platform, with the same delivery contract as KafkaMessageBus (see the library README for
 * what it guarantees and what it does not).
 */
export class EmbeddedLogBus implements MessageBus {
  private readonly topics: TopicRegistry;
  private readonly partitioner = new Partitioner();
  private readonly subscriptions = new Set<LogConsumer>();
  /** Group of each running subscription, for consumer lag. */
  private readonly groups = new Map<LogConsumer, string>();
  private readonly timings: ConsumerTimings;
  private readonly logger: BusLogger;
  private readonly defaultPartitions: number;

  constructor(private readonly options: EmbeddedLogBusOptions) {
    this.timings = resolveTimings(options.timings ?? {});
    this.logger = options.logger ?? silentLogger;
    this.defaultPartitions = options.defaultPartitions ?? 6;
    assertPartitions(this.defaultPartitions);
    this.topics = new TopicRegistry(options.dataSource);
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    assertTopicName(topic);
    if (!Array.isArray(messages)) throw new TypeError('messages must be an array');
    if (messages.length === 0) return;
    const partitions = await this.partitionsForPublish(topic);
    const records: RecordToAppend[] = messages.map((message) => {
      if (message.key !== null && typeof message.key !== 'string') throw new TypeError('a message key must be a string or null');
      const headers = { traceparent: newTraceparent(), ...message.headers };
      for (const [name, value] of Object.entries(headers)) {
        if (typeof value !== 'string') throw new TypeError(`header ${name} must be a string`);
      }
      return {
        partition: this.partitioner.partitionOf(topic, message.key, partitions),
        key: message.key,
        value: encodeValue(message.value),
        headers,
      };
    });
    await appendRecords(this.options.dataSource, topic, records);
    announceAppended(topic);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    assertGroupId(options.groupId);
    if (!Array.isArray(options.topics) || options.topics.length === 0) throw new TypeError('subscribe needs at least one topic');
    options.topics.forEach((topic) => assertTopicName(topic));
    if (typeof options.handler !== 'function') throw new TypeError('subscribe needs a handler');
    const consumer = new LogConsumer(options, {
      sql: sqlOf(this.options.dataSource),
      clientId: this.options.clientId,
      logger: this.logger,
      backoff: this.options.backoff ?? { initialMs: 200, maxMs: 10_000 },
      defaultMaxAttempts: this.options.maxAttempts ?? 5,
      timings: this.timings,
      deadLetters: this.options.deadLetters,
      observer: this.options.observer,
      publish: (topic, messages) => this.publish(topic, messages),
    });
    await consumer.start();
    this.subscriptions.add(consumer);
    this.groups.set(consumer, options.groupId);
    return {
      stop: async () => {
        this.subscriptions.delete(consumer);
        this.groups.delete(consumer);
        await consumer.stop();
      },
    };
  }

  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    for (const spec of specs) {
      const partitions = spec.partitions ?? this.defaultPartitions;
      await this.topics.create(spec.topic, partitions);
      if (spec.withDeadLetterTopic) await this.topics.create(deadLetterTopicOf(spec.topic), partitions);
    }
  }

  async ping(timeoutMs = 3_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the log database did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([sqlOf(this.options.dataSource).query('SELECT 1'), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Records appended but not yet committed by this process's groups, per partition. */
  async consumerLag(): Promise<PartitionLag[]> {
    const groupIds = [...new Set(this.groups.values())];
    if (groupIds.length === 0) return [];
    const { rows } = await sqlOf(this.options.dataSource).query<{ group_id: string; topic: string; partition: number; lag: string }>(
      `SELECT gp.group_id, gp.topic, gp.partition, greatest(p.next_offset - coalesce(gp.committed_offset, 0), 0) AS lag
         FROM log_group_partitions gp JOIN log_partitions p ON p.topic = gp.topic AND p.partition = gp.partition
        WHERE gp.group_id = ANY($1::text[])`,
      [groupIds],
    );
    return rows.map((row) => ({ groupId: row.group_id, topic: row.topic, partition: row.partition, lag: Number(row.lag) }));
  }

  /** Stops every subscription (each finishes its in-flight batch); the DataSource stays open. */
  async close(): Promise<void> {
    const running = [...this.subscriptions];
    this.subscriptions.clear();
    this.groups.clear();
    await Promise.all(running.map((consumer) => consumer.stop()));
  }

  private async partitionsForPublish(topic: string): Promise<number> {
    const known = await this.topics.partitionsOf(topic);
    if (known !== undefined) return known;
    if (this.options.autoCreateTopics !== true) throw new UnknownTopicError(topic);
    return this.topics.create(topic, this.defaultPartitions);
  }
}
