import type { Queryable } from './queryable';

/**
 * Serializes every writer of one profile (consumer batches, the scheduler, backfills, snapshots,
 * also across replicas) with transaction-scoped advisory locks, taken in one global order so two
 * writers cannot deadlock. The schema name is part of the key, so test schemas do not collide.
 */
export class ProfileLocks {
  async lock(manager: Queryable, profileIds: readonly string[]): Promise<void> {
    if (profileIds.length === 0) return;
    await manager.query(
      `SELECT count(pg_advisory_xact_lock(k.key)) FROM (
         SELECT DISTINCT hashtextextended(current_schema() || ':' || p, 0) AS key
         FROM unnest($1::text[]) AS p ORDER BY 1
       ) AS k`,
      [profileIds],
    );
  }
}
