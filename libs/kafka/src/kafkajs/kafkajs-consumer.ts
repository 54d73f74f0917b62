import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { deadLetterTopicOf } from '@activation/contracts';
import type { BusObserver } from '../bus/bus-observer';
import type { BusLogger } from '../bus/logger';
import type { ConsumedMessage, Subscription, SubscribeOptions } from '../bus/message-bus';
import type { BackoffPolicy } from '../processing/backoff';
import { processBatch } from '../processing/batch-processor';
import { toDeadLetter, toDeadLetterMessage, type DeadLetterRecorder } from '../processing/dead-letter';
import { ProcessingAbortedError } from '../processing/errors';

export interface ConsumerDeps {
  kafka: Kafka;
  logger: BusLogger;
  backoff: BackoffPolicy;
  defaultMaxAttempts: number;
  deadLetters?: DeadLetterRecorder;
  observer?: BusObserver;
  publish: (topic: string, messages: ReturnType<typeof toDeadLetterMessage>[]) => Promise<void>;
}

/**
 * A consumer-group member that hands each partition batch to the handler and commits its
 * offsets only after the batch completed (handled or dead-lettered). Partitions are processed
 * sequentially, so messages of one key (one partition) are never reordered.
 */
export async function startConsumer(options: SubscribeOptions, deps: ConsumerDeps): Promise<Subscription> {
  const consumer = deps.kafka.consumer({
    groupId: options.groupId,
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
    // disconnect() waits out the fetch in flight: a short long-poll keeps shutdown (and the
    // drain budget of every consumer a service stops one after another) to about a second each.
    maxWaitTimeInMs: 1_000,
    retry: {
      retries: Number.MAX_SAFE_INTEGER,
      initialRetryTime: 300,
      maxRetryTime: 10_000,
      // A consumer that crashes while leaving must not reconnect behind our back.
      restartOnFailure: async () => !leaving,
    },
  });
  await consumer.connect();
  await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? true });
  // `leaving`: stop() was called (no restarts); `stopping`: the group was left (abort any batch).
  let leaving = false;
  let stopping = false;

  const deadLetter = async (message: ConsumedMessage, reason: string) => {
    const letter = toDeadLetter(message, options.service, reason);
    await deps.publish(deadLetterTopicOf(message.topic), [toDeadLetterMessage(letter)]);
    await deps.deadLetters?.record(letter);
    deps.observer?.deadLettered?.(message.topic, reason);
    deps.logger.warn(
      { topic: message.topic, partition: message.partition, offset: message.offset, reason },
      'message dead-lettered',
    );
  };

  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
    eachBatch: async (payload: EachBatchPayload) => {
      const { batch } = payload;
      if (batch.messages.length === 0) return;
      const started = process.hrtime.bigint();
      const messages = batch.messages.map((m) => toConsumed(batch.topic, batch.partition, m));
      const context = {
        isActive: () => !stopping && payload.isRunning() && !payload.isStale(),
        heartbeat: () => payload.heartbeat(),
      };
      try {
        await processBatch(messages, context, {
          handler: options.handler,
          maxAttempts: options.maxAttempts ?? deps.defaultMaxAttempts,
          backoff: deps.backoff,
          deadLetter,
          logger: deps.logger,
          observer: deps.observer,
        });
      } catch (error) {
        if (error instanceof ProcessingAbortedError) return;
        throw error;
      }
      const next = (BigInt(batch.lastOffset()) + 1n).toString();
      // Through the batch payload: consumer.commitOffsets() silently skips the commit once
      // disconnect() has begun, which would redeliver the batch that stop() let finish.
      await payload.commitOffsetsIfNecessary({
        topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }],
      });
      payload.resolveOffset(batch.lastOffset());
      deps.observer?.batchCommitted?.(batch.topic, messages.length, Number(process.hrtime.bigint() - started) / 1e9);
    },
  });

  return {
    stop: async () => {
      // kafkajs' disconnect waits for the running batch (which commits) before leaving the group.
      leaving = true;
      await consumer.disconnect();
      stopping = true;
    },
  };
}

function toConsumed(topic: string, partition: number, message: KafkaMessage): ConsumedMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? String(value[value.length - 1]) : String(value);
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key ? message.key.toString('utf8') : null,
    value: message.value,
    headers,
    timestamp: Number(message.timestamp),
  };
}

export type { Consumer };
