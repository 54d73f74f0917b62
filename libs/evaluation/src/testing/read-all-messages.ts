import { Kafka, logLevel } from 'kafkajs';
import { randomBytes } from 'node:crypto';

export interface ReadMessage<T> {
  partition: number;
  offset: string;
  key: string | null;
  value: T;
  /** Broker timestamp, epoch ms. */
  timestamp: number;
}

/**
 * Reads every message a topic holds right now (up to its high watermarks), in offset order per
 * partition. Used to compare what an evaluator produced with what it should have.
 */
export async function readAllMessages<T = unknown>(brokers: string[], topic: string, timeoutMs = 60_000): Promise<Array<ReadMessage<T>>> {
  const kafka = new Kafka({ clientId: 'evaluation-reader', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const remaining = new Map(offsets.filter((o) => o.high !== o.low && o.high !== '0').map((o) => [o.partition, BigInt(o.high)]));
  const byPartition = new Map<number, Array<ReadMessage<T>>>();
  if (remaining.size === 0) return [];
  const consumer = kafka.consumer({ groupId: `reader-${randomBytes(4).toString('hex')}`, maxBytesPerPartition: 10_000_000 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reading ${topic} timed out`)), timeoutMs);
      void consumer.run({
        eachBatch: async ({ batch }) => {
          const list = byPartition.get(batch.partition) ?? [];
          for (const message of batch.messages) {
            list.push({
              partition: batch.partition,
              offset: message.offset,
              key: message.key?.toString() ?? null,
              value: JSON.parse(message.value?.toString() ?? 'null') as T,
              timestamp: Number(message.timestamp),
            });
          }
          byPartition.set(batch.partition, list);
          const high = remaining.get(batch.partition);
          if (high !== undefined && BigInt(batch.lastOffset()) + 1n >= high) remaining.delete(batch.partition);
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return [...byPartition.keys()].sort((a, b) => a - b).flatMap((partition) => byPartition.get(partition) ?? []);
}
