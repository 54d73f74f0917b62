import { Counter, type Registry } from 'prom-client';

/** Metrics of the Event Hubs emitter; `bind` puts them on the service's registry. */
export class EventHubsMetrics {
  readonly skippedRows = new Counter({
    name: 'activation_eventhubs_rows_skipped_total',
    help: 'Rows not sent because the profile has no id for the subscription\'s partner number, by subscription',
    labelNames: ['sync_id'],
    registers: [],
  });

  readonly messagesSent = new Counter({
    name: 'activation_eventhubs_messages_sent_total',
    help: 'Messages acknowledged by Event Hubs, by subscription',
    labelNames: ['sync_id'],
    registers: [],
  });

  bind(registry: Registry): this {
    const metrics = { activation_eventhubs_rows_skipped_total: this.skippedRows, activation_eventhubs_messages_sent_total: this.messagesSent };
    for (const [name, metric] of Object.entries(metrics)) if (!registry.getSingleMetric(name)) registry.registerMetric(metric);
    return this;
  }
}
