import { Kafka, logLevel } from 'kafkajs';
import type { ConsumedMessage } from '@activation/kafka';
import { testKafkaBrokers } from '../env';
import { uniqueGroup } from './unique-names';

/** Reads a topic from the beginning until `count` messages arrived (or the timeout passes). */
export async function readTopic(topic: string, count: number, timeoutMs = 30_000): Promise<ConsumedMessage[]> {
  const kafka = new Kafka({ clientId: 'test-reader', brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: uniqueGroup('reader') });
  const received: ConsumedMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`only ${received.length} of ${count} messages on ${topic} after ${timeoutMs} ms`)),
        timeoutMs,
      );
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
          received.push({
            topic, partition, offset: message.offset, key: message.key?.toString() ?? null,
            value: message.value, headers, timestamp: Number(message.timestamp),
          });
          if (received.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}
