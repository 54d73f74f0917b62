import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Admin, type KafkaMessage } from 'kafkajs';
import type { ConsumedMessage } from '@activation/kafka';

export interface PartitionRange {
  partition: number;
  /** First offset to read. */
  start: string;
  /** Offset after the last one to read (the end of the partition when the range was taken). */
  end: string;
}

/** Reads a bounded part of a topic, outside any service's consumer group. */
export interface TopicRangeReader {
  /** Per partition: from the first message at or after `fromTime` to the current end. */
  rangeSince(topic: string, fromTime: number): Promise<PartitionRange[]>;
  read(topic: string, ranges: readonly PartitionRange[], handle: (messages: ConsumedMessage[]) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/**
 * The Kafka reader: `fetchTopicOffsetsByTimestamp` finds where the time starts in each
 * partition, a consumer of a throw-away group seeks there and reads up to the end offsets taken
 * at the start, then the group is deleted. The service's own consumer group is never touched.
 */
export class KafkaTopicRangeReader implements TopicRangeReader {
  private readonly kafka: Kafka;
  private admin?: Promise<Admin>;

  constructor(
    brokers: string[],
    private readonly clientId: string,
    private readonly stallTimeoutMs = 60_000,
  ) {
    this.kafka = new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING, retry: { retries: 5 } });
  }

  async rangeSince(topic: string, fromTime: number): Promise<PartitionRange[]> {
    const admin = await this.connectedAdmin();
    const [starts, ends] = await Promise.all([admin.fetchTopicOffsetsByTimestamp(topic, fromTime), admin.fetchTopicOffsets(topic)]);
    return starts
      .map(({ partition, offset }) => ({ partition, start: offset, end: ends.find((end) => end.partition === partition)?.high ?? offset }))
      .sort((a, b) => a.partition - b.partition);
  }

  async read(topic: string, ranges: readonly PartitionRange[], handle: (messages: ConsumedMessage[]) => Promise<void>): Promise<void> {
    const open = new Map(ranges.filter((range) => BigInt(range.start) < BigInt(range.end)).map((range) => [range.partition, range]));
    if (open.size === 0) return;
    const groupId = `${this.clientId}-replay-${randomBytes(6).toString('hex')}`;
    const consumer = this.kafka.consumer({ groupId, sessionTimeout: 30_000, heartbeatInterval: 3_000 });
    let lastProgress = Date.now();
    let failure: unknown;
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: false });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
          const range = open.get(batch.partition);
          if (!range) return;
          const end = BigInt(range.end);
          const wanted = batch.messages.filter((message) => BigInt(message.offset) >= BigInt(range.start) && BigInt(message.offset) < end);
          try {
            if (wanted.length > 0) await handle(wanted.map((message) => toConsumed(topic, batch.partition, message)));
          } catch (error) {
            failure = error;
            return;
          }
          lastProgress = Date.now();
          const last = batch.messages[batch.messages.length - 1];
          if (last) resolveOffset(last.offset);
          if (last && BigInt(last.offset) + 1n >= end) {
            open.delete(batch.partition);
            consumer.pause([{ topic, partitions: [batch.partition] }]);
          }
          await heartbeat();
        },
      });
      for (const range of open.values()) consumer.seek({ topic, partition: range.partition, offset: range.start });
      while (open.size > 0 && failure === undefined) {
        if (Date.now() - lastProgress > this.stallTimeoutMs) throw new Error(`reading ${topic} made no progress for ${this.stallTimeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      if (failure !== undefined) throw failure;
    } finally {
      await consumer.disconnect().catch(() => undefined);
      await (await this.connectedAdmin()).deleteGroups([groupId]).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((connected) => connected.disconnect()).catch(() => undefined);
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

function toConsumed(topic: string, partition: number, message: KafkaMessage): ConsumedMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) if (value !== undefined) headers[name] = String(value);
  return {
    topic, partition, offset: message.offset, key: message.key?.toString('utf8') ?? null, value: message.value, headers,
    timestamp: Number(message.timestamp),
  };
}
