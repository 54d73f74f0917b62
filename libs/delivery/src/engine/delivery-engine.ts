import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { HEADERS } from '@activation/contracts';
import { PermanentMessageError, describeError, type ConsumedMessage } from '@activation/kafka';
import { CompletionWriter } from '../dispatch/completion-writer';
import { DestinationWorker } from '../dispatch/destination-worker';
import type { CallFence } from '../dispatch/subscription-dispatcher';
import { LeaseManager, type LeaseScope } from '../leases/lease-manager';
import type { DeliveryAdapter } from '../model/delivery-adapter';
import type { StagedRow } from '../model/delivery-row';
import { ReplayRunner } from '../replay/replay-runner';
import type { TopicRangeReader } from '../replay/topic-range-reader';
import { requestInitialSyncs } from '../resync/initial-sync';
import type { SnapshotRequester } from '../resync/snapshot-requester';
import { parseMembership } from '../routing/parse-membership';
import { routeMembership } from '../routing/route-membership';
import type { SubscriptionDirectory } from '../routing/subscription-directory';
import type { DeliveryMetrics } from '../runtime/delivery-metrics';
import type { DeliveryOptions } from '../runtime/delivery-options';
import { cleanDeliveryHistory } from '../runtime/retention-cleaner';
import { StagingListener } from '../runtime/staging-listener';
import { CompletionRepository } from '../store/completion-repository';
import { LeaseRepository } from '../store/lease-repository';
import { QueueRepository } from '../store/queue-repository';
import { ReplayRepository } from '../store/replay-repository';
import { RunRepository } from '../store/run-repository';
import { StagingRepository, type StagingResult } from '../store/staging-repository';
import { StateRepository } from '../store/state-repository';
import { PlanCache } from './plan-cache';

export interface DeliveryEngineDeps {
  dataSource: DataSource;
  directory: SubscriptionDirectory;
  adapter: DeliveryAdapter;
  options: DeliveryOptions;
  logger: Logger;
  snapshots?: SnapshotRequester;
  topicReader?: TopicRangeReader;
  metrics?: DeliveryMetrics;
}

/**
 * An emitter's delivery: membership batches are routed and queued (`handleMembershipBatch`, the
 * consumer's handler, never waits for a destination), and the destinations this replica holds
 * the lease of are delivered by their workers. See libs/delivery/README.md.
 */
export class DeliveryEngine {
  private readonly staging: StagingRepository;
  private readonly states: StateRepository;
  private readonly plans: PlanCache;
  private readonly workers = new Map<string, DestinationWorker>();
  private readonly leases: LeaseManager;
  private readonly listener: StagingListener;
  private readonly replays: ReplayRunner;
  private readonly writer: CompletionWriter;
  private readonly queue: QueueRepository;
  private readonly runs: RunRepository;
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe?: () => void;
  private markStarted!: () => void;
  private readonly started = new Promise<void>((resolve) => (this.markStarted = resolve));

  constructor(private readonly deps: DeliveryEngineDeps) {
    const { dataSource, options, logger } = deps;
    this.staging = new StagingRepository(dataSource);
    this.states = new StateRepository(dataSource);
    this.queue = new QueueRepository(dataSource);
    this.runs = new RunRepository(dataSource);
    this.plans = new PlanCache(deps.adapter);
    this.writer = new CompletionWriter(new CompletionRepository(dataSource), logger);
    this.listener = new StagingListener(dataSource, (ids) => this.wake(ids), logger);
    this.leases = new LeaseManager(
      new LeaseRepository(dataSource),
      {
        service: options.service, workerId: options.workerId, ttlMs: options.leaseTtlMs, renewMs: options.leaseRenewMs,
        quietMs: 1_000 + options.rateWindowMarginMs,
      },
      () => this.leaseScopes(),
      { acquired: (scope, fence) => this.startWorker(scope, fence), released: (scope) => this.stopWorker(scope) },
      logger.child({ task: 'leases' }),
    );
    this.replays = new ReplayRunner(new ReplayRepository(dataSource), this.queue, deps.topicReader, options.membershipTopic, {
      dispatcher: (id) => this.workerOf(id)?.dispatcher(id),
      target: (id) => {
        const subscription = deps.directory.byId(id);
        return subscription ? this.plans.target(subscription) : undefined;
      },
      stage: (rows) => this.stage(rows),
    }, logger.child({ task: 'replay' }));
  }

  async start(): Promise<void> {
    await this.listener.start();
    this.unsubscribe = this.deps.directory.onChange(() => void this.configurationChanged());
    this.leases.start();
    const { options } = this.deps;
    this.every(Math.max(500, Math.min(options.idlePollMs, 2_000)), () => this.replays.tick(this.ownedSubscriptionIds()));
    this.every(options.maintenanceIntervalMs, () => cleanDeliveryHistory(this.deps.dataSource, options.callBodyRetentionMs, options.historyRetentionMs));
    const snapshots = this.deps.snapshots;
    if (snapshots) this.every(options.leaseRenewMs, () => this.requestInitialSyncs(snapshots));
    this.markStarted();
  }

  async stop(): Promise<void> {
    this.timers.forEach((timer) => clearInterval(timer));
    this.timers = [];
    this.unsubscribe?.();
    await this.replays.stop();
    await this.leases.stop();
    await this.writer.drain();
    await this.listener.stop();
    await this.deps.topicReader?.close();
  }

  /**
   * The membership consumer's handler: queues the batch's rows and returns; the offsets are
   * committed after that. Invalid messages are dead-lettered (the rest is queued first, and
   * queuing again is harmless).
   */
  async handleMembershipBatch(messages: readonly ConsumedMessage[]): Promise<void> {
    await this.started;
    const rows: StagedRow[] = [];
    const invalid: string[] = [];
    for (const consumed of messages) {
      const parsed = parseMembership(consumed);
      if (!parsed.ok) {
        invalid.push(`offset ${consumed.offset}: ${parsed.reason}`);
        continue;
      }
      const targets = this.deps.directory.ofAudience(parsed.message.audienceId).map((subscription) => this.plans.target(subscription));
      rows.push(...routeMembership(parsed.message, targets, undefined, consumed.headers[HEADERS.traceparent]));
    }
    await this.stage(rows);
    if (invalid.length > 0) throw new PermanentMessageError(`invalid membership message: ${invalid.join('; ')}`);
  }

  /** Destinations this replica delivers now (for status and tests). */
  ownedDestinations(): string[] {
    return [...this.workers.keys()];
  }

  private async stage(rows: StagedRow[]): Promise<StagingResult> {
    const result = await this.staging.stage(rows);
    this.deps.metrics?.rowsQueued(result.staged);
    this.wake(result.subscriptionIds);
    return result;
  }

  private wake(subscriptionIds: readonly number[]): void {
    for (const id of subscriptionIds) this.workerOf(id)?.wake(id);
  }

  private workerOf(subscriptionId: number): DestinationWorker | undefined {
    const destinationId = this.deps.directory.byId(subscriptionId)?.destination.id;
    return destinationId ? this.workers.get(destinationId) : undefined;
  }

  private ownedSubscriptionIds(): number[] {
    return [...this.workers.values()].flatMap((worker) => worker.subscriptionIds());
  }

  private leaseScopes(): LeaseScope[] {
    const scopes = new Map<string, number>();
    for (const subscription of this.deps.directory.all()) {
      if (!subscription.enabled) continue;
      let callMs = 0;
      try {
        callMs = this.plans.plan(subscription).callTimeoutMs;
      } catch {
        // Still leased, so its configuration error is reported by the worker.
      }
      scopes.set(subscription.destination.id, Math.max(scopes.get(subscription.destination.id) ?? 0, callMs));
    }
    return [...scopes].map(([scope, maxCallMs]) => ({ scope, maxCallMs }));
  }

  private async startWorker(destinationId: string, fence: CallFence): Promise<void> {
    const worker = new DestinationWorker(destinationId, fence, {
      directory: this.deps.directory,
      adapter: this.deps.adapter,
      plan: (subscription) => this.plans.plan(subscription),
      queue: this.queue,
      runs: this.runs,
      states: this.states,
      writer: this.writer,
      options: this.deps.options,
      logger: this.deps.logger.child({ destinationId }),
      metrics: this.deps.metrics,
    });
    this.workers.set(destinationId, worker);
    await worker.sync();
  }

  private async stopWorker(destinationId: string): Promise<void> {
    const worker = this.workers.get(destinationId);
    this.workers.delete(destinationId);
    await worker?.stop();
  }

  private async configurationChanged(): Promise<void> {
    await Promise.all([...this.workers.values()].map((worker) => worker.sync()));
    await this.leases.nudge();
  }

  private async requestInitialSyncs(snapshots: SnapshotRequester): Promise<void> {
    const owned = new Set(this.workers.keys());
    const subscriptions = this.deps.directory.all().filter((subscription) => owned.has(subscription.destination.id));
    await requestInitialSyncs(subscriptions, this.states, snapshots, this.deps.logger);
  }

  private every(intervalMs: number, work: () => Promise<unknown>): void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      work()
        .catch((error) => this.deps.logger.warn({ reason: describeError(error) }, 'periodic delivery task failed'))
        .finally(() => (running = false));
    }, intervalMs);
    timer.unref();
    this.timers.push(timer);
  }
}
