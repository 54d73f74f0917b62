import { Counter, Histogram, type Registry } from 'prom-client';

/**
 * Ingest counters and the request-latency histogram, registered on the service's registry
 * (`/metrics`). `source` is `http`, `webhook:<slug>` or `kafka`; `reason` a fixed code
 * (problem codes and request refusals), so label sets stay small.
 */
export class IngestMetrics {
  readonly accepted: Counter<'source' | 'kind'>;
  readonly rejected: Counter<'source' | 'reason'>;
  readonly deadLettered: Counter<'source' | 'reason'>;
  readonly requestDuration: Histogram<'route' | 'status'>;

  constructor(registry: Registry) {
    this.accepted = new Counter({
      name: 'activation_ingest_accepted_total',
      help: 'Profile changes and events accepted and acknowledged by the message log, by source and kind',
      labelNames: ['source', 'kind'],
      registers: [registry],
    });
    this.rejected = new Counter({
      name: 'activation_ingest_rejected_total',
      help: 'Items or whole requests refused, by source and reason',
      labelNames: ['source', 'reason'],
      registers: [registry],
    });
    this.deadLettered = new Counter({
      name: 'activation_ingest_dead_lettered_total',
      help: 'Raw-topic messages sent to the dead-letter topic, by source and reason',
      labelNames: ['source', 'reason'],
      registers: [registry],
    });
    this.requestDuration = new Histogram({
      name: 'activation_ingest_request_duration_seconds',
      help: 'Ingest request latency, from the first byte read to the answer',
      labelNames: ['route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }
}
