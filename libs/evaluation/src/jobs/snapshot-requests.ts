import { randomEventId, type AudienceCatalog } from '@activation/contracts';
import type { DataSource } from 'typeorm';
import type { EvaluationRepositories } from '../processing/evaluation-repositories';
import type { JobRepository } from '../repositories/job-repository';
import type { Clock } from '../runtime/clock';

export class UnknownAudienceError extends Error {
  constructor(audienceId: string) {
    super(`audience ${audienceId} does not exist`);
    this.name = 'UnknownAudienceError';
  }
}

export interface SnapshotRequestResult {
  jobId: string;
  requestId: string;
  /** False when the same request id was asked for before (nothing new is emitted). */
  created: boolean;
  members: number;
}

/**
 * Asks for the audience's current members as `snapshot` rows addressed to one subscription (new
 * subscription with initial sync, re-sync, one-time export). The job runner emits them; the same
 * request id never produces a second snapshot.
 */
export class SnapshotRequests {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: AudienceCatalog,
    private readonly repositories: EvaluationRepositories,
    private readonly jobs: JobRepository,
    private readonly clock: Clock,
  ) {}

  async requestSnapshot(
    audienceId: string,
    targetSubscriptionId: number,
    options: { requestId?: string; requestedAt?: number } = {},
  ): Promise<SnapshotRequestResult> {
    if (!Number.isInteger(targetSubscriptionId) || targetSubscriptionId < 1) {
      throw new RangeError('targetSubscriptionId must be a positive integer');
    }
    const definition = await this.catalog.get(audienceId);
    if (!definition) throw new UnknownAudienceError(audienceId);
    const requestId = options.requestId ?? randomEventId();
    return this.dataSource.transaction(async (manager) => {
      const members = await this.repositories.memberships.countMembers(manager, audienceId);
      const { id, created } = await this.jobs.create(manager, {
        jobKey: `snapshot:${requestId}`,
        audienceId,
        kind: 'snapshot',
        definition,
        requestedAt: options.requestedAt ?? this.clock.now(),
        total: members,
        targetSubscriptionId,
        requestId,
      });
      return { jobId: id, requestId, created, members };
    });
  }
}
