import type { DataSource } from 'typeorm';
import type { ConsumedMessage } from '@activation/kafka';
import { sqlOf, type Sql } from '../sql/sql-client';
import { readRecords } from './read-records';
import { UnknownTopicError } from './topic-registry';

/** Offsets of one partition to read: from `start` up to, not including, `end`. */
export interface LogPartitionRange {
  partition: number;
  start: string;
  end: string;
}

/**
 * Reads a bounded part of a topic of the embedded log, outside any consumer group: the embedded
 * counterpart of reading a Kafka topic from the offsets of a time (delivery's replay uses it).
 * The log keeps every record with its offset and timestamp (there is no retention), so any
 * time since the topic was created can be read.
 */
export class EmbeddedLogRangeReader {
  private readonly sql: Sql;

  constructor(
    dataSource: DataSource,
    private readonly batchSize = 500,
  ) {
    this.sql = sqlOf(dataSource);
  }

  /**
   * Per partition: from the first record stamped at or after `fromTime` (as Kafka's offsets by
   * timestamp) to the partition's end now; a partition with nothing since then gets an empty range.
   */
  async rangeSince(topic: string, fromTime: number): Promise<LogPartitionRange[]> {
    const { rows } = await this.sql.query<{ partition: number; start: string; end: string }>(
      `SELECT p.partition,
              coalesce((SELECT min(r."offset") FROM log_records r
                         WHERE r.topic = p.topic AND r.partition = p.partition AND r."offset" < p.next_offset
                           AND r.created_at >= $2::timestamptz), p.next_offset) AS start,
              p.next_offset AS end
         FROM log_partitions p WHERE p.topic = $1 ORDER BY p.partition`,
      [topic, new Date(fromTime).toISOString()],
    );
    if (rows.length === 0) throw new UnknownTopicError(topic);
    return rows.map((row) => ({ partition: Number(row.partition), start: String(row.start), end: String(row.end) }));
  }

  /** Hands the records of each range to `handle` in offset order, `batchSize` at a time. */
  async read(topic: string, ranges: readonly LogPartitionRange[], handle: (messages: ConsumedMessage[]) => Promise<void>): Promise<void> {
    for (const range of ranges) {
      const end = BigInt(range.end);
      let next = BigInt(range.start);
      while (next < end) {
        const wanted = Number(end - next < BigInt(this.batchSize) ? end - next : BigInt(this.batchSize));
        const records = await readRecords(this.sql, topic, range.partition, next.toString(), wanted);
        if (records.length === 0) break;
        await handle(records);
        next = BigInt(records[records.length - 1].offset) + 1n;
      }
    }
  }

  /** Nothing to release: the reader borrows the DataSource's pool. */
  async close(): Promise<void> {
    return;
  }
}
