import type { DataSource } from 'typeorm';
import type { EvaluationRepositories } from '../processing/evaluation-repositories';

export interface MembershipCountPoint {
  /** Bucket [from, to), ISO 8601. */
  from: string;
  to: string;
  entered: number;
  exited: number;
  /** Members at the end of the bucket. */
  members: number;
}

export const MIN_BUCKET_MS = 60_000;
export const MAX_BUCKETS = 10_000;

/**
 * Members of an audience over time: entries, exits and the member count at the end of each
 * bucket in [from, to) (epoch ms in, ISO 8601 out). Times are those of the causing changes; buckets
 * are whole minutes or more.
 */
export async function membershipCounts(
  dataSource: DataSource,
  repositories: EvaluationRepositories,
  audienceId: string,
  from: number,
  to: number,
  bucketMs: number,
): Promise<MembershipCountPoint[]> {
  if (!Number.isInteger(from) || !Number.isInteger(to) || to <= from) throw new RangeError('from and to must be integers with from < to');
  if (!Number.isInteger(bucketMs) || bucketMs < MIN_BUCKET_MS || bucketMs % MIN_BUCKET_MS !== 0) {
    throw new RangeError(`bucket must be a whole number of minutes (at least ${MIN_BUCKET_MS} ms)`);
  }
  if ((to - from) / bucketMs > MAX_BUCKETS) throw new RangeError(`at most ${MAX_BUCKETS} buckets per query`);
  let members = await repositories.counts.membersBefore(dataSource, audienceId, from);
  const buckets = new Map(
    (await repositories.counts.buckets(dataSource, audienceId, from, to, bucketMs)).map((bucket) => [bucket.bucketStart, bucket]),
  );
  const points: MembershipCountPoint[] = [];
  for (let start = from; start < to; start += bucketMs) {
    const bucket = buckets.get(start);
    const entered = bucket?.entered ?? 0;
    const exited = bucket?.exited ?? 0;
    members += entered - exited;
    points.push({ from: new Date(start).toISOString(), to: new Date(Math.min(start + bucketMs, to)).toISOString(), entered, exited, members });
  }
  return points;
}
