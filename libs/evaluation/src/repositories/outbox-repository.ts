import type { Queryable } from './queryable';

/** A membership event ready to publish: `body` is the message's JSON text, published as it is. */
export interface OutboxMessage {
  eventId: string;
  profileId: string;
  kind: string;
  body: string;
  traceparent: string | null;
}

/** The events one unit of work wrote, in publish order, under one outbox row id. */
export interface OutboxUnit {
  id: string;
  messages: OutboxMessage[];
}

interface UnitRow {
  id: string;
  messages: string;
  traceparents: string;
}

/**
 * Membership events written in the same transaction as the state that caused them, one row per
 * unit of work, published after commit and deleted once the broker acknowledged them. One row per
 * unit keeps the outbox to three statements per unit whatever its number of events. JSON text and
 * traceparents never hold a raw newline, so each row keeps them newline-joined.
 */
export class OutboxRepository {
  /** Inserts the unit's messages (in the given order) as one row; null when there are none. */
  async insert(manager: Queryable, messages: readonly OutboxMessage[]): Promise<OutboxUnit | null> {
    if (messages.length === 0) return null;
    const profileIds = [...new Set(messages.map((message) => message.profileId))];
    const [row]: Array<{ id: string }> = await manager.query(
      `INSERT INTO membership_outbox (profile_ids, messages, traceparents, message_count)
       VALUES ($1::text[], $2, $3, $4) RETURNING id`,
      [
        profileIds,
        messages.map((message) => message.body).join('\n'),
        messages.map((message) => message.traceparent ?? '').join('\n'),
        messages.length,
      ],
    );
    return { id: String(row.id), messages: [...messages] };
  }

  /** Every pending unit holding an event of the given profiles, oldest first (so each profile keeps its order). */
  async pendingFor(manager: Queryable, profileIds: readonly string[]): Promise<OutboxUnit[]> {
    if (profileIds.length === 0) return [];
    const rows: UnitRow[] = await manager.query(
      `SELECT id, messages, traceparents FROM membership_outbox WHERE profile_ids && $1::text[] ORDER BY id`,
      [profileIds],
    );
    return rows.map(toUnit);
  }

  async delete(manager: Queryable, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(`DELETE FROM membership_outbox WHERE id = ANY($1::bigint[])`, [ids]);
  }

  /** Units left pending longer than `olderThanMs` (a crash between commit and publish), oldest first. */
  async stalled(manager: Queryable, olderThanMs: number, limit: number): Promise<OutboxUnit[]> {
    const rows: UnitRow[] = await manager.query(
      `SELECT id, messages, traceparents FROM membership_outbox
       WHERE created_at < clock_timestamp() - make_interval(secs => $1::float8 / 1000)
       ORDER BY id LIMIT $2`,
      [olderThanMs, limit],
    );
    return rows.map(toUnit);
  }

  /** Events not yet published. */
  async countPending(manager: Queryable): Promise<number> {
    const [row] = await manager.query(`SELECT coalesce(sum(message_count), 0)::int AS n FROM membership_outbox`);
    return row.n;
  }
}

function toUnit(row: UnitRow): OutboxUnit {
  const traceparents = row.traceparents.split('\n');
  const messages = row.messages.split('\n').map((body, index) => {
    const parsed = JSON.parse(body) as { eventId: string; profileId: string; kind: string };
    return {
      eventId: parsed.eventId, profileId: parsed.profileId, kind: parsed.kind, body,
      traceparent: traceparents[index] || null,
    };
  });
  return { id: String(row.id), messages };
}
