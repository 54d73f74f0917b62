import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { PlatformSettings } from '@activation/config';
import { EmbeddedLogBus } from '@activation/embedded-log';
import { KafkaMessageBus, type BusObserver, type DeadLetterRecorder, type MessageBus } from '@activation/kafka';

export interface MessageBusDeps {
  serviceName: string;
  dataSource: DataSource;
  deadLetters: DeadLetterRecorder;
  observer: BusObserver;
  logger: Logger;
}

/** Kafka, or the embedded log in the platform's own Postgres (MESSAGE_BUS=embedded); same contract. */
export function createMessageBus(settings: PlatformSettings, deps: MessageBusDeps): MessageBus {
  const common = {
    clientId: `${deps.serviceName}-${settings.SERVICE_INSTANCE}`,
    defaultPartitions: settings.KAFKA_TOPIC_PARTITIONS,
    maxAttempts: settings.KAFKA_HANDLER_MAX_ATTEMPTS,
    backoff: { initialMs: settings.KAFKA_RETRY_INITIAL_MS, maxMs: settings.KAFKA_RETRY_MAX_MS },
    logger: deps.logger.child({ component: 'messaging' }),
    deadLetters: deps.deadLetters,
    observer: deps.observer,
  };
  if (settings.MESSAGE_BUS === 'embedded') return new EmbeddedLogBus({ ...common, dataSource: deps.dataSource });
  return new KafkaMessageBus({ ...common, brokers: settings.KAFKA_BROKERS });
}

/** A view of a shared bus for a component that closes what it is given: closing it is a no-op. */
export function sharedBusView(bus: MessageBus): MessageBus {
  return {
    publish: (topic, messages) => bus.publish(topic, messages),
    subscribe: (options) => bus.subscribe(options),
    ensureTopics: (specs) => bus.ensureTopics(specs),
    ping: (timeoutMs) => bus.ping(timeoutMs),
    consumerLag: bus.consumerLag?.bind(bus),
    close: async () => undefined,
  };
}
