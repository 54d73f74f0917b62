import type { ExportProgress } from '../state/export-state-repository';
import type { SnapshotJob } from '../state/snapshot-job-repository';

/**
 * After the evaluator finished the snapshot, its last rows may still be on their way through
 * Kafka; when fewer rows were written than emitted (a snapshot row older than a change already
 * queued is never queued), the export waits this long with none of them left in the queue.
 */
export const SNAPSHOT_SETTLE_MS = 30_000;

/**
 * A one-time export is complete when the snapshot was written: the evaluator's snapshot job is
 * done and every row it emitted was written, or none is queued any more and the job finished
 * `SNAPSHOT_SETTLE_MS` ago.
 */
export function snapshotWritten(job: SnapshotJob | undefined, progress: ExportProgress, snapshotRowsQueued: boolean, now: number): boolean {
  if (!job || job.status !== 'done') return false;
  if (progress.snapshotRows >= job.emitted) return true;
  return !snapshotRowsQueued && job.finishedAt !== null && now - job.finishedAt >= SNAPSHOT_SETTLE_MS;
}
