import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { describeError } from '@activation/kafka';
import { acquirePermit, type Permit } from '../limits/acquire-permit';
import type { LimitLayer } from '../limits/limit-layer';
import type { CallResult, CallSender, DeliveryCall, DeliveryPlan } from '../model/delivery-adapter';
import type { QueuedRow } from '../model/delivery-row';
import type { DeliverySubscription } from '../routing/subscription-directory';
import type { DeliveryMetrics } from '../runtime/delivery-metrics';
import type { DeliveryOptions } from '../runtime/delivery-options';
import { Stopper } from '../runtime/stop-signal';
import type { QueueRepository } from '../store/queue-repository';
import type { RunRepository } from '../store/run-repository';
import { buildCompletion } from './build-completion';
import type { CompletionWriter } from './completion-writer';
import { RunTracker } from './run-tracker';
import { takeBatch } from './take-batch';

/** Deferred rows wait for a later run anyway; looking for newer changes of them once a second is enough. */
const SUPERSEDE_EVERY_MS = 1_000;
/** How often the size of the backlog is checked against `compactAboveRows`. */
const COMPACT_CHECK_EVERY_MS = 30_000;

/** Whether the replica may still start a call that can last `timeoutMs` (see LeaseFence). */
export interface CallFence {
  canStart(timeoutMs: number): boolean;
}

export interface DispatcherDeps {
  subscription: DeliverySubscription;
  plan: DeliveryPlan;
  sender: CallSender;
  /** Destination layer first, then the subscription's own. */
  layers: readonly LimitLayer[];
  fence: CallFence;
  queue: QueueRepository;
  runs: RunRepository;
  writer: CompletionWriter;
  options: DeliveryOptions;
  logger: Logger;
  metrics?: DeliveryMetrics;
  /** The destination asked to wait (429/503 with Retry-After). */
  onThrottled(retryAfterMs: number): void;
}

/**
 * Delivers one subscription's queue: reads ahead the due head rows of their keys, forms calls,
 * waits for the limits, sends, and writes outcomes. Everything it holds is bounded (the
 * read-ahead window and the calls in flight), so a slow destination costs memory of its own
 * size only, and other subscriptions' dispatchers never wait for it.
 */
export class SubscriptionDispatcher {
  private readonly stopper = new Stopper();
  private readonly runs: RunTracker;
  private readonly inFlight = new Map<string, QueuedRow>();
  private buffer: QueuedRow[] = [];
  private calls = new Set<Promise<void>>();
  private loop?: Promise<void>;
  private paused = false;
  private lastSupersedeAt = 0;
  private lastCompactCheckAt = 0;

  constructor(private readonly deps: DispatcherDeps) {
    this.runs = new RunTracker(deps.subscription.id, deps.runs, { intervalMs: deps.options.runIntervalMs, maxRows: deps.options.runMaxRows });
  }

  get subscriptionId(): number {
    return this.deps.subscription.id;
  }

  start(): void {
    this.loop = this.runLoop().catch((error) => this.deps.logger.error({ reason: describeError(error) }, 'dispatcher stopped on an error'));
  }

  /** Rows were queued: look now instead of at the next poll. */
  wake(): void {
    this.stopper.wake();
  }

  /** Stops starting calls, lets calls in flight finish and records them, closes the open run. */
  async stop(): Promise<void> {
    this.stopper.stop();
    await this.loop;
    await this.settle();
    await this.runs.close('stopped').catch(() => undefined);
    await this.deps.sender.close();
  }

  /** Holds new calls and forgets read-ahead rows until `resume` (a replay queues older versions meanwhile). */
  async pause(reason: string): Promise<void> {
    this.paused = true;
    this.buffer = [];
    this.stopper.wake();
    await this.settle();
    await this.runs.close(reason);
  }

  async resume(reason?: string): Promise<void> {
    if (reason) await this.runs.close(reason);
    this.paused = false;
    this.stopper.wake();
  }

  async closeRun(reason: string): Promise<void> {
    await this.runs.close(reason);
  }

  private async runLoop(): Promise<void> {
    const { plan, options } = this.deps;
    while (!this.stopper.stopped) {
      const closed = await this.deps.runs.closeAbandoned(this.subscriptionId).then(() => true, () => false);
      if (closed) break;
      await this.stopper.sleep(1_000);
    }
    while (!this.stopper.stopped) {
      if (this.paused) {
        await this.stopper.sleep(options.idlePollMs);
        continue;
      }
      if (this.buffer.length === 0) await this.refill();
      if (this.buffer.length === 0) {
        await this.runs.closeIfExpired().catch(() => undefined);
        const dueIn = await this.deps.queue.msUntilNextDue(this.subscriptionId, this.held()).catch(() => undefined);
        await this.stopper.sleep(Math.min(dueIn ?? options.idlePollMs, options.idlePollMs));
        continue;
      }
      // Everything that waits on the database happens before the permit: a call starts as soon
      // as its permit is taken, so the rate limit counts the moments calls really leave.
      if (this.buffer.length < plan.batchSize) await this.refill();
      this.runs.expect(this.buffer.slice(0, plan.batchSize));
      const prepared = await this.runs.prepare().then(
        () => true,
        (error) => {
          this.deps.logger.warn({ reason: describeError(error) }, 'opening a sync run failed; retrying');
          return false;
        },
      );
      if (!prepared) {
        await this.stopper.sleep(1_000);
        continue;
      }
      const permit = await acquirePermit(this.deps.layers, this.stopper);
      if (!permit) break;
      const batch = this.paused || !this.deps.fence.canStart(plan.callTimeoutMs) ? undefined : takeBatch(this.buffer, plan.batchSize);
      const runId = batch && this.runs.claim(batch.rows);
      if (!batch || runId === undefined) {
        permit.cancel();
        if (batch) this.buffer = [...batch.rows, ...this.buffer].sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
        await this.stopper.sleep(200);
        continue;
      }
      this.deps.metrics?.permitWaited(this.subscriptionId, permit.waitedMs);
      const call: DeliveryCall = { callId: randomUUID(), subscriptionId: this.subscriptionId, runId, ...batch };
      for (const row of batch.rows) this.inFlight.set(row.id, row);
      this.track(this.execute(call, permit));
    }
  }

  private async refill(): Promise<void> {
    const { queue, options } = this.deps;
    try {
      if (Date.now() - this.lastSupersedeAt >= SUPERSEDE_EVERY_MS) {
        this.lastSupersedeAt = Date.now();
        const superseded = await queue.supersedeDeferred(this.subscriptionId, this.held());
        if (superseded > 0 && this.runs.runId !== undefined) await this.deps.runs.addSuperseded(this.subscriptionId, this.runs.runId, superseded);
      }
      if (Date.now() - this.lastCompactCheckAt >= COMPACT_CHECK_EVERY_MS) {
        this.lastCompactCheckAt = Date.now();
        if (await queue.queuedMoreThan(this.subscriptionId, options.compactAboveRows)) {
          const dropped = await queue.compact(this.subscriptionId, this.held());
          this.deps.logger.warn({ dropped, limit: options.compactAboveRows }, 'backlog over its limit: kept only the oldest and newest version of each key');
          if (dropped > 0 && this.runs.runId !== undefined) await this.deps.runs.addSuperseded(this.subscriptionId, this.runs.runId, dropped);
        }
      }
      const room = options.fetchWindow - this.buffer.length;
      if (room <= 0) return;
      const rows = await queue.fetchReady(this.subscriptionId, this.held(), room);
      if (rows.length > 0) this.buffer = [...this.buffer, ...rows].sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
    } catch (error) {
      this.deps.logger.warn({ reason: describeError(error) }, 'reading the delivery queue failed; retrying');
      await this.stopper.sleep(1_000);
    }
  }

  private async execute(call: DeliveryCall, permit: Permit): Promise<void> {
    const startedAt = Date.now();
    const started = performance.now();
    let result: CallResult;
    try {
      result = await this.deps.sender.send(call);
    } catch (error) {
      result = { outcome: 'rejected', errorClass: 'connection', reason: describeError(error), latencyMs: performance.now() - started };
    } finally {
      permit.release();
    }
    if (result.outcome === 'throttled') this.deps.onThrottled(Math.min(result.retryAfterMs, this.deps.options.maxRetryAfterMs));
    this.deps.metrics?.callFinished(call, result);
    if (this.deps.options.callBodyRetentionMs === 0) result = { ...result, request: undefined, response: undefined };
    const { options, plan } = this.deps;
    const completion = buildCompletion({
      call, result, startedAt, endedAt: Date.now(), retry: plan.retry, maxRetryAfterMs: options.maxRetryAfterMs,
      timing: { backoff: options.backoff, deferMs: options.deferMs, retryWindowMs: options.retryWindowMs },
    });
    this.deps.metrics?.completionBuilt(call.subscriptionId, completion);
    const [record] = completion.calls;
    this.deps.logger.info(
      {
        syncRunId: call.runId, callType: call.callType, rows: call.rows.length,
        outcome: result.outcome, httpStatus: result.httpStatus, latencyMs: Math.round(result.latencyMs), traceIds: record?.traceIds ?? [],
      },
      'delivery call',
    );
    await this.deps.writer.write(completion);
    for (const row of call.rows) this.inFlight.delete(row.id);
    this.stopper.wake();
  }

  private track(call: Promise<void>): void {
    this.calls.add(call);
    void call.finally(() => this.calls.delete(call));
  }

  private async settle(): Promise<void> {
    while (this.calls.size > 0) await Promise.all([...this.calls]);
  }

  private held(): string[] {
    return [...this.inFlight.keys(), ...this.buffer.map((row) => row.id)];
  }
}
