import type { ConsumedMessage } from '@activation/kafka';
import type { Sql } from '../sql/sql-client';

interface RecordRow {
  offset: string;
  message_key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  created_at: Date;
}

/** Up to `limit` records of one partition from `fromOffset` on, in offset order. */
export async function readRecords(
  sql: Sql,
  topic: string,
  partition: number,
  fromOffset: string,
  limit: number,
): Promise<ConsumedMessage[]> {
  const { rows } = await sql.query<RecordRow>(
    `SELECT "offset", message_key, value, headers, created_at FROM log_records
     WHERE topic = $1 AND partition = $2 AND "offset" >= $3::bigint
     ORDER BY "offset" LIMIT $4`,
    [topic, partition, fromOffset, limit],
  );
  return rows.map((row) => ({
    topic,
    partition,
    offset: String(row.offset),
    key: row.message_key,
    value: row.value,
    headers: row.headers ?? {},
    timestamp: new Date(row.created_at).getTime(),
  }));
}
