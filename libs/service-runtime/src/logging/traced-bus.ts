import type { Logger } from 'pino';
import { HEADERS } from '@activation/contracts';
import { traceIdOf, type ConsumedMessage, type MessageBus, type OutgoingMessage } from '@activation/kafka';
import { startConsumeSpans } from '../tracing/tracing';

/**
 * The bus with a debug line per message published and consumed, from a child logger carrying the
 * message's `traceId` (from its `traceparent`), so one change can be followed through every
 * service's logs: ingest → profile-inputs → evaluator → membership → delivery. Costs nothing
 * unless the level is `debug` or lower. With tracing on, each consumed message also gets a span.
 */
export function tracedBus(bus: MessageBus, logger: Logger): MessageBus {
  const traced = (headers: Record<string, string> | undefined) => logger.child({ traceId: traceIdOf(headers?.[HEADERS.traceparent]) });
  return {
    publish: async (topic: string, messages: OutgoingMessage[]) => {
      await bus.publish(topic, messages);
      if (!logger.isLevelEnabled('debug')) return;
      for (const message of messages) traced(message.headers).debug({ topic, key: message.key, eventId: message.headers?.[HEADERS.eventId] }, 'message published');
    },
    subscribe: (options) =>
      bus.subscribe({
        ...options,
        handler: async (messages: ConsumedMessage[], context) => {
          if (logger.isLevelEnabled('debug')) {
            for (const message of messages) {
              traced(message.headers).debug(
                { topic: message.topic, partition: message.partition, offset: message.offset, eventId: message.headers[HEADERS.eventId], group: options.groupId },
                'message consumed',
              );
            }
          }
          const spans = startConsumeSpans(messages, options.groupId);
          try {
            await options.handler(messages, context);
            spans.end();
          } catch (error) {
            spans.end(error);
            throw error;
          }
        },
      }),
    ensureTopics: (specs) => bus.ensureTopics(specs),
    ping: (timeoutMs) => bus.ping(timeoutMs),
    consumerLag: bus.consumerLag?.bind(bus),
    close: () => bus.close(),
  };
}
