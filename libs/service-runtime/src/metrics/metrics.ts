import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BusObserver, PartitionLag } from '@activation/kafka';

/** A scrape waits at most this long for the broker's offsets; it then shows the last values read. */
const LAG_READ_TIMEOUT_MS = 2_000;

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

  readonly messagesFailed = new Counter({
    name: 'activation_messages_failed_total',
    help: 'Messages in failed handling attempts, by topic and reason (invalid, handler-error, transient); a retry that fails counts again',
    labelNames: ['topic', 'reason'],
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

  /** The bus's hooks, counting here what its consumers process, fail and dead-letter. */
  busObserver(): BusObserver {
    return {
      batchCommitted: (topic, count, seconds) => {
        this.messagesProcessed.inc({ topic }, count);
        this.batchDuration.observe({ topic }, seconds);
      },
      deadLettered: (topic) => this.deadLetters.inc({ topic }),
      messagesFailed: (topic, reason, count) => this.messagesFailed.inc({ topic, reason }, count),
    };
  }

  /**
   * `activation_consumer_lag_messages{group, topic, partition}`, read from the bus at each scrape
   * (so as often as Prometheus scrapes). A failed or slow read keeps the previous values.
   */
  observeConsumerLag(read: () => Promise<PartitionLag[]>): void {
    let last: PartitionLag[] = [];
    new Gauge({
      name: 'activation_consumer_lag_messages',
      help: "Messages on each partition not yet committed by this service's consumer groups",
      labelNames: ['group', 'topic', 'partition'],
      registers: [this.registry],
      async collect() {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), LAG_READ_TIMEOUT_MS)));
        last = (await Promise.race([read().catch(() => undefined), timeout])) ?? last;
        clearTimeout(timer);
        this.reset();
        for (const { groupId, topic, partition, lag } of last) this.set({ group: groupId, topic, partition: String(partition) }, lag);
      },
    });
  }
}
