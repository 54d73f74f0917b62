import { Counter, Histogram, Registry } from 'prom-client';
import type { CallResult, DeliveryCall } from '../model/delivery-adapter';

/** Delivery metrics on the service's registry (every name starts with `activation_`). */
export class DeliveryMetrics {
  private readonly calls: Counter;
  private readonly rows: Counter;
  private readonly latency: Histogram;
  private readonly staged: Counter;
  private readonly endToEnd: Histogram;

  constructor(readonly registry: Registry = new Registry()) {
    this.calls = new Counter({
      name: 'activation_delivery_calls_total',
      help: 'Calls to destinations, by subscription and outcome (delivered, partial, rejected, throttled) and error class',
      labelNames: ['sync_id', 'outcome', 'error_class'],
      registers: [registry],
    });
    this.rows = new Counter({
      name: 'activation_delivery_rows_total',
      help: 'Rows sent to destinations, by subscription and call type',
      labelNames: ['sync_id', 'call_type'],
      registers: [registry],
    });
    this.latency = new Histogram({
      name: 'activation_delivery_call_duration_seconds',
      help: 'Duration of calls to destinations',
      labelNames: ['sync_id'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    this.staged = new Counter({
      name: 'activation_delivery_rows_queued_total',
      help: 'Rows queued for delivery from membership events',
      registers: [registry],
    });
    this.endToEnd = new Histogram({
      name: 'activation_end_to_end_latency_seconds',
      help: 'From the platform accepting a change to its row being delivered (live rows only: replays and snapshots are left out)',
      labelNames: ['sync_id'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      registers: [registry],
    });
  }

  callFinished(call: DeliveryCall, result: CallResult): void {
    const syncId = String(call.subscriptionId);
    const errorClass = result.outcome === 'rejected' ? result.errorClass : '';
    this.calls.inc({ sync_id: syncId, outcome: result.outcome, error_class: errorClass });
    this.rows.inc({ sync_id: syncId, call_type: call.callType }, call.rows.length);
    this.latency.observe({ sync_id: syncId }, result.latencyMs / 1000);
    this.observeEndToEnd(call, result, Date.now());
  }

  private observeEndToEnd(call: DeliveryCall, result: CallResult, now: number): void {
    if (result.outcome !== 'delivered' && result.outcome !== 'partial') return;
    const rejected = new Set(result.outcome === 'partial' ? result.rejected.map((row) => row.primaryKey) : []);
    for (const row of call.rows) {
      const receivedAt = row.envelope.receivedAt;
      if (row.origin !== 'stream' || receivedAt === undefined || rejected.has(row.primaryKey)) continue;
      this.endToEnd.observe({ sync_id: String(call.subscriptionId) }, Math.max(0, now - receivedAt) / 1000);
    }
  }

  rowsQueued(count: number): void {
    if (count > 0) this.staged.inc(count);
  }
}
