import type { DataSource } from 'typeorm';
import { inTransaction, sqlOf } from '../sql/sql-client';
import { assertPartitions, assertTopicName } from './names';

export class UnknownTopicError extends Error {
  constructor(topic: string) {
    super(`topic ${topic} does not exist (create it with ensureTopics)`);
    this.name = 'UnknownTopicError';
  }
}

/**
 * Creates topics and knows their partition counts. A topic's partition count never changes once
 * created (there is no way to alter it), so it is cached for the life of the bus.
 */
export class TopicRegistry {
  private readonly partitionCounts = new Map<string, number>();

  constructor(private readonly dataSource: DataSource) {}

  /** Creates the topic with its partitions unless it exists; an existing topic keeps its partition count. */
  async create(topic: string, partitions: number): Promise<number> {
    assertTopicName(topic);
    assertPartitions(partitions);
    const count = await inTransaction(this.dataSource, async (sql) => {
      await sql.query(
        `INSERT INTO log_topics (name, partitions) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`,
        [topic, partitions],
      );
      const { rows } = await sql.query<{ partitions: number }>(`SELECT partitions FROM log_topics WHERE name = $1`, [topic]);
      const existing = Number(rows[0].partitions);
      await sql.query(
        `INSERT INTO log_partitions (topic, partition) SELECT $1, generate_series(0, $2::integer - 1)
         ON CONFLICT (topic, partition) DO NOTHING`,
        [topic, existing],
      );
      return existing;
    });
    this.partitionCounts.set(topic, count);
    return count;
  }

  /** The partition count, or undefined when the topic does not exist. */
  async partitionsOf(topic: string): Promise<number | undefined> {
    const cached = this.partitionCounts.get(topic);
    if (cached !== undefined) return cached;
    const { rows } = await sqlOf(this.dataSource).query<{ partitions: number }>(
      `SELECT partitions FROM log_topics WHERE name = $1`,
      [topic],
    );
    if (rows.length === 0) return undefined;
    const count = Number(rows[0].partitions);
    this.partitionCounts.set(topic, count);
    return count;
  }
}
