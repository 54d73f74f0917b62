import type { AudienceCatalog, AudienceDefinition } from '@activation/contracts';
import type { DataSource } from 'typeorm';
import type { EvaluationRepositories } from '../processing/evaluation-repositories';
import type { EvaluatedAudienceRepository } from '../repositories/evaluated-audience-repository';
import type { JobRepository, NewJob } from '../repositories/job-repository';
import type { Queryable } from '../repositories/queryable';
import type { EvaluationLogger } from '../runtime/evaluation-logger';

export interface AudienceReconcilerDeps {
  dataSource: DataSource;
  catalog: AudienceCatalog;
  repositories: EvaluationRepositories;
  evaluated: EvaluatedAudienceRepository;
  jobs: JobRepository;
  logger: EvaluationLogger;
}

/**
 * Compares the catalog with the audience versions the stored memberships follow and creates the
 * job that closes the gap: a backfill when an active audience is new, edited or re-activated, a
 * removal when it was archived or deleted. Job keys are unique, so replicas reconciling the same
 * change create one job; a newer job supersedes the audience's running one.
 */
export class AudienceReconciler {
  constructor(private readonly deps: AudienceReconcilerDeps) {}

  async reconcileAll(): Promise<void> {
    const definitions = await this.deps.catalog.list();
    const known = new Set(definitions.map((definition) => definition.id));
    for (const definition of definitions) await this.reconcile(definition.id, definition);
    for (const audienceId of await this.deps.evaluated.listIds(this.deps.dataSource)) {
      if (!known.has(audienceId)) await this.reconcile(audienceId, undefined);
    }
  }

  /** Brings one audience in line with `current` (undefined: deleted from the catalog). */
  async reconcile(audienceId: string, current: AudienceDefinition | undefined): Promise<void> {
    const { dataSource, evaluated, logger } = this.deps;
    const created = await dataSource.transaction(async (manager) => {
      const stored = await evaluated.lock(manager, audienceId);
      if (current?.status === 'active') {
        if (stored?.status === 'active' && stored.version === current.version) {
          await evaluated.save(manager, { audienceId, version: current.version, status: 'active', definition: current });
          return undefined;
        }
        await evaluated.save(manager, { audienceId, version: current.version, status: 'active', definition: current });
        return this.createJob(manager, {
          jobKey: `backfill:${audienceId}:${current.version}:${current.updatedAt}`,
          audienceId, kind: 'backfill', definition: current, requestedAt: current.updatedAt,
          total: await this.deps.repositories.profiles.countLive(manager),
        });
      }
      if (current?.status === 'paused') {
        await evaluated.save(manager, { audienceId, version: current.version, status: 'paused', definition: current });
        return undefined;
      }
      if (!stored || stored.status === 'removed') return undefined;
      const last = current ?? stored.definition;
      await evaluated.save(manager, { audienceId, version: stored.version, status: 'removed', definition: last });
      return this.createJob(manager, {
        jobKey: `remove:${audienceId}:${last.version}:${last.updatedAt}`,
        audienceId, kind: 'remove', definition: { ...last, updatedAt: current?.updatedAt ?? Date.now() },
        requestedAt: current?.updatedAt ?? Date.now(),
        total: await this.deps.repositories.memberships.countMembers(manager, audienceId),
      });
    });
    if (created) logger.info({ audienceId, jobId: created.id, kind: created.kind }, 'audience job created');
  }

  private async createJob(manager: Queryable, job: NewJob) {
    const { id } = await this.deps.jobs.create(manager, job);
    await this.deps.jobs.supersede(manager, job.audienceId, job.jobKey);
    return { id, kind: job.kind };
  }
}
