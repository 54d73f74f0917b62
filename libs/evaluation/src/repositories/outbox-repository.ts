import type { Queryable } from './queryable';

/** A membership event ready to publish: `body` is the message's JSON text, published as it is. */
export interface OutboxRow {
  id: string;
  eventId: string;
  profileId: string;
  kind: string;
  body: string;
  traceparent: string | null;
}

export type NewOutboxRow = Omit<OutboxRow, 'id'>;

/**
 * Membership events written in the same transaction as the state that caused them, published
 * after commit and deleted once the broker acknowledged them.
 */
export class OutboxRepository {
  /**
   * Inserts the rows in the given order (ids ascend with it) and returns them with their ids. JSON
   * text never holds a raw newline, so the bodies travel as one newline-joined parameter.
   */
  async insert(manager: Queryable, rows: readonly NewOutboxRow[]): Promise<OutboxRow[]> {
    if (rows.length === 0) return [];
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO membership_outbox (event_id, profile_id, message, traceparent)
       SELECT r.event_id, r.profile_id, r.message::json, r.traceparent
       FROM unnest($1::uuid[], $2::text[], string_to_array($3::text, E'\\n'), $4::text[])
         WITH ORDINALITY AS r(event_id, profile_id, message, traceparent, n)
       ORDER BY r.n
       RETURNING id`,
      [
        rows.map((row) => row.eventId),
        rows.map((row) => row.profileId),
        rows.map((row) => row.body).join('\n'),
        rows.map((row) => row.traceparent),
      ],
    );
    const ids = inserted.map((row) => String(row.id)).sort(compareIds);
    return rows.map((row, index) => ({ ...row, id: ids[index] }));
  }

  /** Every pending row of the given profiles, oldest first (so each profile's events keep their order). */
  async pendingFor(manager: Queryable, profileIds: readonly string[]): Promise<OutboxRow[]> {
    if (profileIds.length === 0) return [];
    const rows: Array<{ id: string; event_id: string; profile_id: string; kind: string; body: string; traceparent: string | null }> =
      await manager.query(
        `SELECT id, event_id, profile_id, message->>'kind' AS kind, message::text AS body, traceparent
         FROM membership_outbox WHERE profile_id = ANY($1::text[]) ORDER BY id`,
        [profileIds],
      );
    return rows.map((row) => ({
      id: String(row.id), eventId: row.event_id, profileId: row.profile_id, kind: row.kind, body: row.body,
      traceparent: row.traceparent,
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

/** bigint ids as decimal text, compared numerically. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
