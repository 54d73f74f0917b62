import { returnedRows, type Queryable } from './queryable';

export interface DueProfile {
  profileId: string;
  dueAt: number;
}

/** `evaluation_schedule`: the next instant each profile's membership can change by time alone. */
export class ScheduleRepository {
  /** Brings each profile's due time forward to the given one (never later than what is stored). */
  async lowerDue(manager: Queryable, due: readonly DueProfile[]): Promise<void> {
    if (due.length === 0) return;
    await manager.query(
      `INSERT INTO evaluation_schedule (profile_id, due_at)
       SELECT r.profile_id, r.due_at FROM jsonb_to_recordset($1::jsonb) AS r(profile_id text, due_at bigint)
       ORDER BY r.profile_id
       ON CONFLICT (profile_id) DO UPDATE SET due_at = LEAST(evaluation_schedule.due_at, EXCLUDED.due_at)`,
      [JSON.stringify(due.map((row) => ({ profile_id: row.profileId, due_at: Math.ceil(row.dueAt) })))],
    );
  }

  /** After a full re-evaluation: the profile's exact next due time, or no row when there is none. */
  async replace(manager: Queryable, profileId: string, dueAt: number | null): Promise<void> {
    if (dueAt === null) {
      await manager.query(`DELETE FROM evaluation_schedule WHERE profile_id = $1`, [profileId]);
      return;
    }
    await manager.query(
      `INSERT INTO evaluation_schedule (profile_id, due_at) VALUES ($1, $2)
       ON CONFLICT (profile_id) DO UPDATE SET due_at = EXCLUDED.due_at, claimed_until = NULL`,
      [profileId, Math.ceil(dueAt)],
    );
  }

  async remove(manager: Queryable, profileIds: readonly string[]): Promise<void> {
    if (profileIds.length === 0) return;
    await manager.query(`DELETE FROM evaluation_schedule WHERE profile_id = ANY($1::text[])`, [profileIds]);
  }

  /**
   * Leases up to `limit` profiles due at `now` to this caller for `leaseMs`. SKIP LOCKED and the
   * lease keep replicas from taking the same rows; an expired lease (a crashed replica) is taken again.
   */
  async claimDue(manager: Queryable, now: number, limit: number, leaseMs: number): Promise<DueProfile[]> {
    const rows: Array<{ profile_id: string; due_at: string }> = returnedRows(await manager.query(
      `WITH due AS (
         SELECT profile_id FROM evaluation_schedule
         WHERE due_at <= $1 AND (claimed_until IS NULL OR claimed_until < now())
         ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       UPDATE evaluation_schedule AS s SET claimed_until = now() + make_interval(secs => $3::float8 / 1000)
       FROM due WHERE s.profile_id = due.profile_id
       RETURNING s.profile_id, s.due_at`,
      [Math.floor(now), limit, leaseMs],
    ));
    return rows.map((row) => ({ profileId: row.profile_id, dueAt: Number(row.due_at) }));
  }
}
