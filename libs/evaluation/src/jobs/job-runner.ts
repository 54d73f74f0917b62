import type { DataSource } from 'typeorm';
import { compileAudience, type CompiledAudience } from '../audiences/compiled-audience';
import type { OutboxPublisher } from '../outbox/outbox-publisher';
import type { EvaluationRepositories } from '../processing/evaluation-repositories';
import { JOBS_SHARD } from '../processing/evaluation-state-writer';
import { loadWorkingStates } from '../processing/load-working-states';
import type { JobRecord, JobRepository } from '../repositories/job-repository';
import type { Clock } from '../runtime/clock';
import type { EvaluationLogger } from '../runtime/evaluation-logger';
import type { EvaluationMetrics } from '../runtime/evaluation-metrics';
import { backfillPage, removalPage, snapshotPage, type PageOutcome } from './job-page';

export interface JobRunnerDeps {
  dataSource: DataSource;
  repositories: EvaluationRepositories;
  jobs: JobRepository;
  publisher: OutboxPublisher;
  clock: Clock;
  metrics: EvaluationMetrics;
  logger: EvaluationLogger;
  owner: string;
  pageSize: number;
  leaseMs: number;
}

class JobLostError extends Error {}

/**
 * Runs backfill, removal and snapshot jobs page by page. Each page is one transaction (profile
 * locks, evaluation, state, outbox, progress) followed by publishing its outbox rows, so a crash
 * resumes from the last committed page and a superseded job stops at its next page.
 */
export class JobRunner {
  constructor(private readonly deps: JobRunnerDeps) {}

  /** Works on one job until it ends or is lost; true if there was a job (look for another). */
  async runOnce(): Promise<boolean> {
    const { dataSource, jobs, owner, leaseMs } = this.deps;
    const job = await jobs.claim(dataSource, owner, leaseMs);
    if (!job) return false;
    let compiled: CompiledAudience | undefined;
    if (job.kind === 'backfill') {
      try {
        compiled = compileAudience(job.definition);
      } catch (error) {
        await jobs.finish(dataSource, job.id, owner, 'failed', `rule does not compile: ${(error as Error).message}`);
        return true;
      }
    }
    this.deps.logger.info({ jobId: job.id, audienceId: job.audienceId, kind: job.kind, total: job.total }, 'job started');
    try {
      let more = true;
      while (more) more = await this.runPage(job, compiled);
    } catch (error) {
      if (error instanceof JobLostError) {
        this.deps.logger.info({ jobId: job.id, audienceId: job.audienceId }, 'job superseded or taken over; stopping');
        return true;
      }
      throw error;
    }
    return true;
  }

  /** One page; false when the job is done. */
  private async runPage(job: JobRecord, compiled: CompiledAudience | undefined): Promise<boolean> {
    const { dataSource, repositories, jobs, owner, pageSize, leaseMs, clock } = this.deps;
    const profileIds =
      job.kind === 'backfill'
        ? await repositories.profiles.page(dataSource, job.cursor, pageSize)
        : await repositories.memberships.memberPage(dataSource, job.audienceId, job.cursor, pageSize);
    if (profileIds.length === 0) {
      await jobs.finish(dataSource, job.id, owner, 'done');
      this.deps.metrics.jobProgress(job.audienceId, job.kind, job.total, job.total, 0);
      this.deps.logger.info(
        { jobId: job.id, audienceId: job.audienceId, kind: job.kind, processed: job.processed, entered: job.entered,
          modified: job.modified, exited: job.exited, emitted: job.emitted },
        'job done',
      );
      return false;
    }
    const now = clock.now();
    const outcome = await dataSource.transaction(async (manager) => {
      await repositories.locks.lock(manager, profileIds);
      const states = await loadWorkingStates(repositories, manager, {
        profileIds,
        needEvents: compiled && compiled.eventNames.length > 0 ? profileIds : [],
        audiences: compiled ? [compiled] : [],
        now,
        membershipsOf: job.audienceId,
      });
      const page: PageOutcome =
        compiled
          ? backfillPage(states.values(), compiled, now)
          : job.kind === 'remove'
            ? removalPage(states.values(), job.definition, now)
            : snapshotPage(states.values(), job);
      await repositories.writer.write(manager, {
        states: [...states.values()], transitions: page.transitions, shard: JOBS_SHARD, dueLowered: page.dueLowered,
      });
      const progress = tally(page, profileIds);
      if (!(await jobs.advance(manager, job.id, owner, progress, leaseMs))) throw new JobLostError();
      return { page, progress };
    });
    await this.deps.publisher.publishFor(profileIds);
    Object.assign(job, {
      cursor: outcome.progress.cursor,
      processed: job.processed + outcome.progress.processed,
      entered: job.entered + outcome.progress.entered,
      modified: job.modified + outcome.progress.modified,
      exited: job.exited + outcome.progress.exited,
      emitted: job.emitted + outcome.progress.emitted,
    });
    this.deps.metrics.transitions(outcome.page.transitions, 'job');
    this.deps.metrics.jobProgress(job.audienceId, job.kind, job.processed, job.total, profileIds.length);
    this.deps.logger.info(
      { jobId: job.id, audienceId: job.audienceId, kind: job.kind, processed: job.processed, total: job.total },
      'job progress',
    );
    return true;
  }
}

function tally(page: PageOutcome, profileIds: readonly string[]) {
  const count = (callType: string) =>
    page.transitions.filter((t) => t.kind === 'transition' && t.callType === callType).length;
  return {
    cursor: profileIds[profileIds.length - 1],
    processed: profileIds.length,
    entered: count('NEW'),
    modified: count('MODIFIED'),
    exited: count('REMOVED'),
    emitted: page.transitions.length,
  };
}
