import type { Queryable } from './queryable';

export interface CountChange {
  audienceId: string;
  bucketStart: number;
  entered: number;
  exited: number;
}

export interface CountBucket {
  bucketStart: number;
  entered: number;
  exited: number;
}

/**
 * Entries and exits per audience and minute, written with the transitions. Each writer adds to its
 * own shard (input partition, scheduler, jobs) so concurrent batches do not wait on one row.
 */
export class MembershipCountRepository {
  static readonly BUCKET_MS = 60_000;

  async add(manager: Queryable, shard: number, changes: readonly CountChange[]): Promise<void> {
    if (changes.length === 0) return;
    await manager.query(
      `INSERT INTO membership_count_changes (audience_id, bucket_start, shard, entered, exited)
       SELECT r.audience_id, r.bucket_start, $2, r.entered, r.exited
       FROM jsonb_to_recordset($1::jsonb) AS r(audience_id text, bucket_start bigint, entered integer, exited integer)
       ORDER BY r.audience_id, r.bucket_start
       ON CONFLICT (audience_id, bucket_start, shard) DO UPDATE SET
         entered = membership_count_changes.entered + EXCLUDED.entered,
         exited = membership_count_changes.exited + EXCLUDED.exited`,
      [
        JSON.stringify(
          changes.map((change) => ({
            audience_id: change.audienceId, bucket_start: change.bucketStart, entered: change.entered, exited: change.exited,
          })),
        ),
        shard,
      ],
    );
  }

  /** Net members before `from` (entries minus exits). */
  async membersBefore(manager: Queryable, audienceId: string, from: number): Promise<number> {
    const [row] = await manager.query(
      `SELECT coalesce(sum(entered - exited), 0)::int AS n FROM membership_count_changes
       WHERE audience_id = $1 AND bucket_start < $2`,
      [audienceId, from],
    );
    return row.n;
  }

  /** Entries and exits per bucket of `bucketMs` in [from, to), buckets aligned to `from`. */
  async buckets(manager: Queryable, audienceId: string, from: number, to: number, bucketMs: number): Promise<CountBucket[]> {
    const rows: Array<{ bucket: string; entered: number; exited: number }> = await manager.query(
      `SELECT ($2::bigint + ((bucket_start - $2::bigint) / $4::bigint) * $4::bigint) AS bucket,
              sum(entered)::int AS entered, sum(exited)::int AS exited
       FROM membership_count_changes
       WHERE audience_id = $1 AND bucket_start >= $2 AND bucket_start < $3
       GROUP BY 1 ORDER BY 1`,
      [audienceId, from, to, bucketMs],
    );
    return rows.map((row) => ({ bucketStart: Number(row.bucket), entered: row.entered, exited: row.exited }));
  }
}
