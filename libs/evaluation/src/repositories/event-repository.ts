import type { EventRecord } from '@activation/audience-rules';
import type { StoredEvent } from '../profile/profile-state';
import type { Queryable } from './queryable';

/** Raw behavioral events (`profile_events`), kept for the retention period. */
export class EventRepository {
  /**
   * The events of the given profiles with one of `names`, not older than `since`
   * (null: the whole retained history).
   */
  async load(
    manager: Queryable,
    profileIds: readonly string[],
    names: readonly string[],
    since: number | null,
  ): Promise<Map<string, EventRecord[]>> {
    const byProfile = new Map<string, EventRecord[]>();
    if (profileIds.length === 0 || names.length === 0) return byProfile;
    const bounded = since !== null && Number.isFinite(since);
    const rows: Array<{ profile_id: string; name: string; occurred_at: string; properties: Record<string, unknown> | null }> =
      await manager.query(
        `SELECT profile_id, name, occurred_at, properties FROM profile_events
         WHERE profile_id = ANY($1::text[]) AND name = ANY($2::text[])${bounded ? ' AND occurred_at >= $3' : ''}`,
        bounded ? [profileIds, names, Math.floor(since)] : [profileIds, names],
      );
    for (const row of rows) {
      const list = byProfile.get(row.profile_id) ?? [];
      list.push({ name: row.name, time: Number(row.occurred_at), properties: row.properties ?? undefined });
      byProfile.set(row.profile_id, list);
    }
    return byProfile;
  }

  async insert(manager: Queryable, events: readonly StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    await manager.query(
      `INSERT INTO profile_events (event_id, profile_id, name, occurred_at, properties)
       SELECT r.event_id, r.profile_id, r.name, r.occurred_at, r.properties
       FROM jsonb_to_recordset($1::jsonb)
         AS r(event_id uuid, profile_id text, name text, occurred_at bigint, properties jsonb)
       ON CONFLICT (event_id) DO NOTHING`,
      [
        JSON.stringify(
          events.map((event) => ({
            event_id: event.eventId, profile_id: event.profileId, name: event.name,
            occurred_at: event.occurredAt, properties: event.properties ?? null,
          })),
        ),
      ],
    );
  }

  async deleteForProfiles(manager: Queryable, profileIds: readonly string[]): Promise<void> {
    if (profileIds.length === 0) return;
    await manager.query(`DELETE FROM profile_events WHERE profile_id = ANY($1::text[])`, [profileIds]);
  }

  /** Removes events that occurred before `cutoff` (epoch ms), one chunk; returns how many. */
  async deleteOccurredBefore(manager: Queryable, cutoff: number, chunk = 10_000): Promise<number> {
    const result: [unknown[], number] = await manager.query(
      `DELETE FROM profile_events WHERE ctid IN (
         SELECT ctid FROM profile_events WHERE occurred_at < $1 LIMIT $2)`,
      [Math.floor(cutoff), chunk],
    );
    return result[1];
  }
}
