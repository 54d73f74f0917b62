import type { DataSource } from 'typeorm';
import { inTransaction } from '../sql/sql-client';
import { UnknownTopicError } from './topic-registry';

export interface RecordToAppend {
  partition: number;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** Rows per INSERT; the arrays travel as three parameters, so this only bounds statement size. */
const CHUNK = 2_000;

/**
 * Appends the records of one publish call in one transaction: all of them or none.
 *
 * Each partition's offsets come from its counter row (`log_partitions.next_offset`), advanced in
 * the same transaction. The row lock serialises concurrent publishers of a partition, so offsets
 * are gap-free and strictly increasing in commit order. Partitions are locked in ascending order,
 * so two publishers spanning the same partitions cannot deadlock.
 */
export async function appendRecords(dataSource: DataSource, topic: string, records: RecordToAppend[]): Promise<void> {
  const byPartition = new Map<number, RecordToAppend[]>();
  for (const record of records) {
    const list = byPartition.get(record.partition) ?? [];
    list.push(record);
    byPartition.set(record.partition, list);
  }
  const partitions = [...byPartition.keys()].sort((a, b) => a - b);
  await inTransaction(dataSource, async (sql) => {
    for (const partition of partitions) {
      const batch = byPartition.get(partition) ?? [];
      const { rows } = await sql.query<{ first_offset: string }>(
        `UPDATE log_partitions SET next_offset = next_offset + $3::bigint
         WHERE topic = $1 AND partition = $2
         RETURNING next_offset - $3::bigint AS first_offset`,
        [topic, partition, batch.length],
      );
      if (rows.length === 0) throw new UnknownTopicError(topic);
      const first = BigInt(rows[0].first_offset);
      for (let start = 0; start < batch.length; start += CHUNK) {
        const chunk = batch.slice(start, start + CHUNK);
        await sql.query(
          `INSERT INTO log_records (topic, partition, "offset", message_key, value, headers)
           SELECT $1, $2, $3::bigint + r.ordinality - 1, r.message_key, r.value, r.headers::jsonb
           FROM unnest($4::text[], $5::bytea[], $6::text[]) WITH ORDINALITY AS r(message_key, value, headers, ordinality)`,
          [
            topic,
            partition,
            (first + BigInt(start)).toString(),
            chunk.map((record) => record.key),
            chunk.map((record) => record.value),
            chunk.map((record) => JSON.stringify(record.headers)),
          ],
        );
      }
    }
  });
}
