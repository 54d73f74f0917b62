import type { DataSource } from 'typeorm';

/** A behavioral event as kept for export. */
export interface ExportEvent {
  eventId: string;
  profileId: string;
  name: string;
  /** Epoch ms. */
  occurredAt: number;
  /** Epoch ms. */
  receivedAt: number;
  source: string;
  properties?: Record<string, unknown>;
}

/** Where a row stands in export order: its inserting transaction, then its insert position. */
export interface EventPosition {
  tx: string;
  position: string;
}

/** The rows one run exports: after the previous run's watermark, up to this run's end, filtered. */
export interface EventSelection {
  after?: EventPosition;
  upTo: EventPosition;
  /** Event names; empty selects every name. */
  streams: string[];
  occurredFrom?: number;
  occurredBefore?: number;
}

interface EventRow {
  event_id: string;
  profile_id: string;
  name: string;
  occurred_at: string;
  received_at: string;
  source: string;
  properties: Record<string, unknown> | null;
  tx: string;
  position: string;
}

/** The `export_events` table: behavioral events kept for export for the retention period. */
export class ExportEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores events once each (a redelivered event is ignored); one statement, so one transaction. */
  async insert(events: readonly ExportEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO export_events (event_id, profile_id, name, occurred_at, received_at, source, properties)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::jsonb[])
       ON CONFLICT (event_id) DO NOTHING
       RETURNING 1`,
      [
        events.map((event) => event.eventId),
        events.map((event) => event.profileId),
        events.map((event) => event.name),
        events.map((event) => event.occurredAt),
        events.map((event) => event.receivedAt),
        events.map((event) => event.source),
        events.map((event) => (event.properties === undefined ? null : JSON.stringify(event.properties))),
      ],
    );
    return inserted.length;
  }

  /**
   * The last row whose transaction is older than every transaction still running: no row can
   * commit before it any more, so everything up to it can be exported and the watermark moved.
   */
  async settledEnd(): Promise<EventPosition | undefined> {
    const rows: Array<{ tx: string; position: string }> = await this.dataSource.query(
      // Ordered by the columns themselves (e.tx), not by their text forms selected under the same names.
      `SELECT e.tx::text AS tx, e.position::text AS position FROM export_events e
        WHERE e.tx < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY e.tx DESC, e.position DESC LIMIT 1`,
    );
    return rows[0];
  }

  /** Every property name of the selected events, sorted: the CSV's property columns. */
  async propertyKeys(selection: EventSelection): Promise<string[]> {
    const { clauses, params } = whereOf(selection);
    const rows: Array<{ key: string }> = await this.dataSource.query(
      `SELECT DISTINCT jsonb_object_keys(properties) AS key FROM export_events
        WHERE ${clauses} AND jsonb_typeof(properties) = 'object' ORDER BY key`,
      params,
    );
    return rows.map((row) => row.key);
  }

  /** The selected events in export order, read page by page so a large export is never held whole. */
  async *read(selection: EventSelection, pageSize = 1_000): AsyncGenerator<ExportEvent> {
    let after = selection.after;
    for (;;) {
      const { clauses, params } = whereOf({ ...selection, after });
      const rows: EventRow[] = await this.dataSource.query(
        `SELECT event_id, profile_id, name, occurred_at::text AS occurred_at, received_at::text AS received_at, source,
                properties, e.tx::text AS tx, e.position::text AS position
           FROM export_events e WHERE ${clauses} ORDER BY e.tx, e.position LIMIT ${Number(pageSize)}`,
        params,
      );
      for (const row of rows) yield toEvent(row);
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1];
      after = { tx: last.tx, position: last.position };
    }
  }

  /** Deletes events stored before `cutoff`, at most `limit` at a time; returns how many went. */
  async deleteStoredBefore(cutoff: Date, limit = 10_000): Promise<number> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM export_events WHERE event_id IN (SELECT event_id FROM export_events WHERE stored_at < $1 LIMIT $2)`,
      [cutoff, limit],
    );
    return count;
  }
}

function whereOf(selection: EventSelection): { clauses: string; params: unknown[] } {
  const params: unknown[] = [selection.upTo.tx, selection.upTo.position];
  const clauses = ['(tx, position) <= ($1::xid8, $2::bigint)'];
  const add = (clause: (n: number) => string, ...values: unknown[]) => {
    clauses.push(clause(params.length + 1));
    params.push(...values);
  };
  if (selection.after) add((n) => `(tx, position) > ($${n}::xid8, $${n + 1}::bigint)`, selection.after.tx, selection.after.position);
  if (selection.streams.length > 0) add((n) => `name = ANY($${n}::text[])`, selection.streams);
  if (selection.occurredFrom !== undefined) add((n) => `occurred_at >= $${n}`, selection.occurredFrom);
  if (selection.occurredBefore !== undefined) add((n) => `occurred_at < $${n}`, selection.occurredBefore);
  return { clauses: clauses.join(' AND '), params };
}

function toEvent(row: EventRow): ExportEvent {
  return {
    eventId: row.event_id, profileId: row.profile_id, name: row.name,
    occurredAt: Number(row.occurred_at), receivedAt: Number(row.received_at), source: row.source,
    ...(row.properties ? { properties: row.properties } : {}),
  };
}
