import { Kafka, logLevel } from 'kafkajs';

export interface WatchedMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface TopicWatcher {
  messages: WatchedMessage[];
  /** Resolves once `predicate` holds for what arrived so far (polling), or rejects after the timeout. */
  until(predicate: (messages: WatchedMessage[]) => boolean, timeoutMs?: number, what?: string): Promise<WatchedMessage[]>;
  stop(): Promise<void>;
}

/** Collects every message of a topic from the beginning while a test runs. */
export async function watchTopic(brokers: string[], topic: string, groupId: string): Promise<TopicWatcher> {
  const kafka = new Kafka({ clientId: 'test-watcher', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId, retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 1_000 } });
  const messages: WatchedMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(message.headers ?? {})) if (value !== undefined) headers[name] = String(value);
      messages.push({ partition, offset: message.offset, key: message.key?.toString('utf8') ?? null, value: message.value, headers });
    },
  });
  return {
    messages,
    until: async (predicate, timeoutMs = 60_000, what = 'messages') => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(messages)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} on ${topic} (${messages.length} arrived)`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return messages;
    },
    stop: () => consumer.disconnect(),
  };
}

export function valueOf(message: WatchedMessage): Record<string, unknown> {
  return JSON.parse(message.value?.toString('utf8') ?? 'null') as Record<string, unknown>;
}
