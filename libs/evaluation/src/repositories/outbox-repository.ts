import type { MembershipEventMessage } from '@activation/contracts';
import type { Queryable } from './queryable';

export interface OutboxRow {
  id: string;
  eventId: string;
  profileId: string;
  message: MembershipEventMessage;
  traceparent: string | null;
}

/**
 * Membership events written in the same transaction as the state that caused them, published
 * after commit and deleted once the broker acknowledged them.
 */
export class OutboxRepository {
  async insert(manager: Queryable, messages: ReadonlyArray<{ message: MembershipEventMessage; traceparent?: string }>): Promise<void> {
    if (messages.length === 0) return;
    await manager.query(
      `INSERT INTO membership_outbox (event_id, profile_id, message, traceparent)
       SELECT (e.value->>'eventId')::uuid, e.value->>'profileId', e.value->'message', e.value->>'traceparent'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, n)
       ORDER BY e.n`,
      [
        JSON.stringify(
          messages.map(({ message, traceparent }) => ({
            eventId: message.eventId, profileId: message.profileId, message, traceparent: traceparent ?? null,
          })),
        ),
      ],
    );
  }

  /** Every pending row of the given profiles, oldest first (so each profile's events keep their order). */
  async pendingFor(manager: Queryable, profileIds: readonly string[]): Promise<OutboxRow[]> {
    if (profileIds.length === 0) return [];
    const rows: Array<{ id: string; event_id: string; profile_id: string; message: MembershipEventMessage; traceparent: string | null }> =
      await manager.query(
        `SELECT id, event_id, profile_id, message, traceparent FROM membership_outbox
         WHERE profile_id = ANY($1::text[]) ORDER BY id`,
        [profileIds],
      );
    return rows.map((row) => ({
      id: row.id, eventId: row.event_id, profileId: row.profile_id, message: row.message, traceparent: row.traceparent,
    }));
  }

  async delete(manager: Queryable, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(`DELETE FROM membership_outbox WHERE id = ANY($1::bigint[])`, [ids]);
  }

  /** Profiles with rows left pending longer than `olderThanMs` (a crash between commit and publish). */
  async stalledProfiles(manager: Queryable, olderThanMs: number, limit: number): Promise<string[]> {
    const rows: Array<{ profile_id: string }> = await manager.query(
      `SELECT DISTINCT profile_id FROM (
         SELECT profile_id FROM membership_outbox
         WHERE created_at < clock_timestamp() - make_interval(secs => $1::float8 / 1000)
         ORDER BY id LIMIT $2) AS stalled`,
      [olderThanMs, limit],
    );
    return rows.map((row) => row.profile_id);
  }

  async countPending(manager: Queryable): Promise<number> {
    const [row] = await manager.query(`SELECT count(*)::int AS n FROM membership_outbox`);
    return row.n;
  }
}
