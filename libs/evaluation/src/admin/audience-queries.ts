import type { DataSource } from 'typeorm';
import { DEFAULT_PAGE_LIMIT, type Page, type PageRequest } from '@activation/configuration';
import { EvaluationRepositories } from '../processing/evaluation-repositories';
import { JobRepository } from '../repositories/job-repository';
import { backfillProgress, type BackfillProgressEntry } from './backfill-progress';
import { membershipCounts, type MembershipCountPoint } from './membership-counts';
import { previewAudience, type AudiencePreview, type PreviewOptions } from './preview-audience';

/** The audience read models the admin API serves, over the evaluator's tables. */
export class AudienceQueries {
  private readonly repositories = new EvaluationRepositories();
  private readonly jobs = new JobRepository();

  constructor(private readonly dataSource: DataSource) {}

  previewAudience(rule: unknown, projectedVariables: string[], options?: PreviewOptions): Promise<AudiencePreview> {
    return previewAudience(this.dataSource, this.repositories, rule, projectedVariables, options);
  }

  membershipCounts(audienceId: string, from: number, to: number, bucketMs: number): Promise<MembershipCountPoint[]> {
    return membershipCounts(this.dataSource, this.repositories, audienceId, from, to, bucketMs);
  }

  backfillProgress(audienceId: string, page: PageRequest = { limit: DEFAULT_PAGE_LIMIT }): Promise<Page<BackfillProgressEntry>> {
    return backfillProgress(this.dataSource, this.jobs, audienceId, page);
  }
}
