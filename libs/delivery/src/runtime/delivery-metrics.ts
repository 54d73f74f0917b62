import { Counter, Histogram, Registry } from 'prom-client';
import type { WaitCause } from '../limits/limit-layer';
import type { CallResult, DeliveryCall } from '../model/delivery-adapter';
import type { CompletionBatch } from '../store/completion';

/** Delivery metrics on the service's registry (every name starts with `activation_`). */
export class DeliveryMetrics {
  private readonly calls: Counter;
  private readonly rows: Counter;
  private readonly latency: Histogram;
  private readonly staged: Counter;
  private readonly endToEnd: Histogram;
  private readonly rejectedRows: Counter;
  private readonly retries: Counter;
  private readonly deadLettered: Counter;
  private readonly limitWait: Histogram;

  constructor(readonly registry: Registry = new Registry()) {
    this.calls = new Counter({
      name: 'activation_delivery_calls_total',
      help: 'Calls to destinations, by subscription and outcome (delivered, partial, rejected, throttled) and error class (rejected-rows for partial)',
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
    this.rejectedRows = new Counter({
      name: 'activation_delivery_rows_rejected_total',
      help: 'Rows a destination rejected (every row of a rejected call, the listed rows of a partial one), by subscription and error class',
      labelNames: ['sync_id', 'error_class'],
      registers: [registry],
    });
    this.retries = new Counter({
      name: 'activation_delivery_retries_total',
      help: 'Rows scheduled to be sent again, by subscription and kind (immediate: within the run; deferred: a later run; throttled: after Retry-After)',
      labelNames: ['sync_id', 'kind'],
      registers: [registry],
    });
    this.deadLettered = new Counter({
      name: 'activation_delivery_rows_dead_lettered_total',
      help: 'Rows still rejected when their retry window ended, by subscription',
      labelNames: ['sync_id'],
      registers: [registry],
    });
    this.limitWait = new Histogram({
      name: 'activation_delivery_limit_wait_seconds',
      help: 'Time a call waited for its permit, by subscription and cause (rate, concurrency, retry-after); calls that did not wait are not observed',
      labelNames: ['sync_id', 'cause'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    });
  }

  callFinished(call: DeliveryCall, result: CallResult): void {
    const syncId = String(call.subscriptionId);
    // As the call log: a partial answer rejected rows. Throttled calls keep an empty class.
    const errorClass = result.outcome === 'rejected' ? result.errorClass : result.outcome === 'partial' ? 'rejected-rows' : '';
    this.calls.inc({ sync_id: syncId, outcome: result.outcome, error_class: errorClass });
    this.rows.inc({ sync_id: syncId, call_type: call.callType }, call.rows.length);
    this.latency.observe({ sync_id: syncId }, result.latencyMs / 1000);
    if (result.outcome === 'rejected') this.rejectedRows.inc({ sync_id: syncId, error_class: result.errorClass }, call.rows.length);
    if (result.outcome === 'partial' && result.rejected.length > 0) this.rejectedRows.inc({ sync_id: syncId, error_class: 'rejected-rows' }, result.rejected.length);
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

  /** What a call's completion schedules: rows retried (and how) and rows dead-lettered. */
  completionBuilt(subscriptionId: number, completion: CompletionBatch): void {
    const syncId = String(subscriptionId);
    const deferred = completion.failures.filter((failure) => failure.deferred).length;
    const immediate = completion.failures.length - deferred;
    if (immediate > 0) this.retries.inc({ sync_id: syncId, kind: 'immediate' }, immediate);
    if (deferred > 0) this.retries.inc({ sync_id: syncId, kind: 'deferred' }, deferred);
    if (completion.throttled.length > 0) this.retries.inc({ sync_id: syncId, kind: 'throttled' }, completion.throttled.length);
    if (completion.deadLetters.length > 0) this.deadLettered.inc({ sync_id: syncId }, completion.deadLetters.length);
  }

  /** Milliseconds a call waited for its permit, by what held it. */
  permitWaited(subscriptionId: number, waitedMs: Partial<Record<WaitCause, number>>): void {
    for (const [cause, ms] of Object.entries(waitedMs)) {
      if (ms > 0) this.limitWait.observe({ sync_id: String(subscriptionId), cause }, ms / 1000);
    }
  }

  rowsQueued(count: number): void {
    if (count > 0) this.staged.inc(count);
  }
}
