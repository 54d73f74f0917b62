import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** One registry per service process; every metric name starts with `activation_`. */
export class ServiceMetrics {
  readonly registry = new Registry();

  readonly messagesProcessed = new Counter({
    name: 'activation_messages_processed_total',
    help: 'Messages consumed and committed, by topic',
    labelNames: ['topic'],
    registers: [this.registry],
  });

  readonly deadLetters = new Counter({
    name: 'activation_dead_letters_total',
    help: 'Messages sent to a dead-letter topic, by source topic',
    labelNames: ['topic'],
    registers: [this.registry],
  });

  readonly batchDuration = new Histogram({
    name: 'activation_batch_duration_seconds',
    help: 'Time to process and commit one partition batch',
    labelNames: ['topic'],
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry, prefix: 'activation_process_' });
  }
}
