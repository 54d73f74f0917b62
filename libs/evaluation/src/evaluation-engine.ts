import type { AudienceCatalog, AudienceChange } from '@activation/contracts';
import type { ConsumedMessage, MessageBus } from '@activation/kafka';
import type { DataSource } from 'typeorm';
import { AudienceQueries } from './admin/audience-queries';
import { AudienceRegistry } from './audiences/audience-registry';
import { AudienceReconciler } from './jobs/audience-reconciler';
import { JobRunner } from './jobs/job-runner';
import { SnapshotRequests, type SnapshotRequestResult } from './jobs/snapshot-requests';
import { handleSnapshotRequests } from './processing/snapshot-request-handler';
import { OutboxPublisher } from './outbox/outbox-publisher';
import { EvaluationRepositories } from './processing/evaluation-repositories';
import { ProfileInputProcessor } from './processing/profile-input-processor';
import { EvaluatedAudienceRepository } from './repositories/evaluated-audience-repository';
import { JobRepository } from './repositories/job-repository';
import { RetentionCleaner } from './retention/retention-cleaner';
import { systemClock, type Clock } from './runtime/clock';
import type { CrashHook } from './runtime/crash-points';
import { silentEvaluationLogger, type EvaluationLogger } from './runtime/evaluation-logger';
import { EvaluationMetrics } from './runtime/evaluation-metrics';
import { DEFAULT_EVALUATION_OPTIONS, type EvaluationOptions } from './runtime/evaluation-options';
import { PeriodicTask } from './runtime/periodic-task';
import { TimeScheduler } from './scheduler/time-scheduler';

export interface EvaluationEngineDeps {
  dataSource: DataSource;
  bus: MessageBus;
  catalog: AudienceCatalog;
  clock?: Clock;
  logger?: EvaluationLogger;
  metrics?: EvaluationMetrics;
  options?: Partial<EvaluationOptions>;
  crashHook?: CrashHook;
}

/**
 * The evaluator without a framework: the profile-inputs batch handler, the time scheduler, the
 * job runner (backfills, removals, snapshots), the outbox sweeper and retention cleanup, and the
 * catalog listener that turns audience changes into jobs without a restart.
 */
export class EvaluationEngine {
  readonly options: EvaluationOptions;
  readonly registry: AudienceRegistry;
  readonly repositories = new EvaluationRepositories();
  readonly processor: ProfileInputProcessor;
  readonly scheduler: TimeScheduler;
  readonly jobRunner: JobRunner;
  readonly reconciler: AudienceReconciler;
  readonly snapshots: SnapshotRequests;
  readonly queries: AudienceQueries;
  readonly publisher: OutboxPublisher;
  private readonly retention: RetentionCleaner;
  private readonly tasks: PeriodicTask[];
  private readonly logger: EvaluationLogger;
  private unsubscribe?: () => void;
  private changes: Promise<void> = Promise.resolve();
  private markStarted!: () => void;
  private readonly started = new Promise<void>((resolve) => (this.markStarted = resolve));

  constructor(private readonly deps: EvaluationEngineDeps) {
    const options = { ...DEFAULT_EVALUATION_OPTIONS, ...deps.options };
    const { dataSource, bus, catalog } = deps;
    const clock = deps.clock ?? systemClock;
    const logger = deps.logger ?? silentEvaluationLogger;
    const metrics = deps.metrics ?? new EvaluationMetrics();
    const jobs = new JobRepository();
    const repositories = this.repositories;
    this.options = options;
    this.logger = logger;
    this.registry = new AudienceRegistry(catalog, logger);
    this.publisher = new OutboxPublisher(dataSource, bus, repositories.outbox, options.membershipTopic);
    const common = { dataSource, registry: this.registry, repositories, publisher: this.publisher, clock, metrics };
    this.processor = new ProfileInputProcessor({ ...common, crashHook: deps.crashHook });
    this.scheduler = new TimeScheduler({ ...common, batchSize: options.schedulerBatchSize, leaseMs: options.leaseMs });
    this.jobRunner = new JobRunner({
      dataSource, repositories, jobs, publisher: this.publisher, clock, metrics, logger,
      owner: options.instanceId, pageSize: options.jobPageSize, leaseMs: options.leaseMs,
    });
    this.reconciler = new AudienceReconciler({
      dataSource, catalog, repositories, evaluated: new EvaluatedAudienceRepository(), jobs, logger,
    });
    this.snapshots = new SnapshotRequests(dataSource, catalog, repositories, jobs, clock);
    this.queries = new AudienceQueries(dataSource);
    this.retention = new RetentionCleaner(
      dataSource, repositories, clock, logger, options.eventRetentionDays, options.processedInputRetentionDays,
    );
    this.tasks = [
      new PeriodicTask('time-scheduler', options.schedulerIntervalMs, () => this.scheduler.runOnce(), logger),
      new PeriodicTask('job-runner', options.jobIntervalMs, () => this.jobRunner.runOnce(), logger),
      new PeriodicTask(
        'outbox-sweeper', options.outboxSweepIntervalMs,
        async () => (await this.publisher.publishStalled(options.outboxStallMs)) > 0, logger,
      ),
      new PeriodicTask('retention', options.retentionIntervalMs, () => this.retention.runOnce(), logger),
      // Retries a catalog change whose job could not be created (database briefly unavailable).
      new PeriodicTask(
        'audience-reconciler', options.reconcileIntervalMs, async () => (await this.reconciler.reconcileAll(), false), logger,
      ),
    ];
  }

  /** Loads and reconciles the audiences, then starts listening to the catalog and the background tasks. */
  async start(options: { background?: boolean } = {}): Promise<void> {
    await this.deps.bus.ensureTopics([{ topic: this.options.membershipTopic }]);
    await this.registry.load();
    this.unsubscribe = this.deps.catalog.onChange((change) => this.onAudienceChange(change));
    await this.reconciler.reconcileAll();
    if (options.background ?? true) for (const task of this.tasks) task.start();
    this.markStarted();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.changes;
    await Promise.all(this.tasks.map((task) => task.stop()));
  }

  /** The profile-inputs batch handler; waits until the audiences are loaded. */
  async handleProfileInputs(messages: readonly ConsumedMessage[]): Promise<void> {
    await this.started;
    await this.processor.handle(messages);
  }

  /** The snapshot-requests batch handler. */
  async handleSnapshotRequests(messages: readonly ConsumedMessage[]): Promise<void> {
    await this.started;
    await handleSnapshotRequests(this.snapshots, messages);
  }

  requestSnapshot(
    audienceId: string,
    targetSubscriptionId: number,
    options?: { requestId?: string; requestedAt?: number },
  ): Promise<SnapshotRequestResult> {
    return this.snapshots.requestSnapshot(audienceId, targetSubscriptionId, options);
  }

  /** Catalog changes are applied one at a time, in the order reported. */
  private onAudienceChange(change: AudienceChange): Promise<void> {
    this.changes = this.changes.then(async () => {
      try {
        this.registry.apply(change.audienceId, change.current);
        await this.reconciler.reconcile(change.audienceId, change.current);
      } catch (error) {
        this.logger.error({ audienceId: change.audienceId, reason: (error as Error).message }, 'audience change not applied');
      }
    });
    return this.changes;
  }
}
