import pino from 'pino';
import { KafkaMessageBus } from '@activation/kafka';
import { tracedBus } from '../logging/traced-bus';
import { startTracing, stopTracing } from '../tracing/tracing';

/**
 * A process that starts tracing from its environment, consumes TRACED_TOPIC from the beginning
 * through the traced bus until it handled one message, then flushes its spans and exits 0.
 */
async function main(): Promise<void> {
  const env = process.env;
  if (!startTracing('traced-consumer', env)) throw new Error('tracing did not start');
  const bus = tracedBus(new KafkaMessageBus({ brokers: (env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','), clientId: 'traced-consumer' }), pino({ level: 'silent' }));
  let handled!: () => void;
  const done = new Promise<void>((resolve) => (handled = resolve));
  await bus.subscribe({
    groupId: env['TRACED_GROUP'] ?? 'traced-consumer', topics: [env['TRACED_TOPIC'] ?? ''], service: 'traced-consumer', fromBeginning: true,
    handler: async (messages) => {
      if (messages.length > 0) handled();
    },
  });
  await done;
  await bus.close();
  await stopTracing();
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
