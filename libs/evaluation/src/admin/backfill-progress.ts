import type { DataSource } from 'typeorm';
import type { Page, PageRequest } from '@activation/configuration';
import type { JobKind, JobRecord, JobRepository, JobStatus } from '../repositories/job-repository';

export interface BackfillProgressEntry {
  jobId: string;
  kind: JobKind;
  status: JobStatus;
  audienceVersion: number;
  targetSubscriptionId?: number;
  total: number;
  processed: number;
  /** 0..100, one decimal. */
  percent: number;
  entered: number;
  modified: number;
  exited: number;
  emitted: number;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  error: string | null;
}

/** The audience's backfill, removal and snapshot jobs, newest first, a page at a time, with their progress. */
export async function backfillProgress(
  dataSource: DataSource,
  jobs: JobRepository,
  audienceId: string,
  page: PageRequest,
): Promise<Page<BackfillProgressEntry>> {
  const records = await jobs.listForAudience(dataSource, audienceId, page);
  return { items: records.items.map(toEntry), nextCursor: records.nextCursor };
}

function toEntry(job: JobRecord): BackfillProgressEntry {
  return {
    jobId: job.id,
    kind: job.kind,
    status: job.status,
    audienceVersion: job.audienceVersion,
    ...(job.targetSubscriptionId === undefined ? {} : { targetSubscriptionId: job.targetSubscriptionId }),
    total: job.total,
    processed: job.processed,
    percent:
      job.status === 'done' ? 100 : job.total === 0 ? 0 : Math.min(100, Math.round((job.processed / job.total) * 1000) / 10),
    entered: job.entered,
    modified: job.modified,
    exited: job.exited,
    emitted: job.emitted,
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    error: job.error,
  };
}
