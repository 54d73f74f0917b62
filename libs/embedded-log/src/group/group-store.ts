import type { Sql } from '../sql/sql-client';

export interface PartitionRef {
  topic: string;
  partition: number;
}

export interface PendingPartition extends PartitionRef {
  /** The next offset the group reads (Kafka's meaning of a committed offset). */
  committedOffset: string;
}

export interface LiveMember {
  memberId: string;
  topics: string[];
}

const leaseEnd = (parameter: string) => `now() + ${parameter}::integer * interval '1 millisecond'`;

/**
 * The SQL of one consumer-group member. Times are the database's clock, so members in several
 * processes (or machines) agree on lease expiry. Every change of a partition row is fenced on the
 * owner, so a member that lost a partition can neither commit nor release it.
 */
export class GroupStore {
  constructor(
    private readonly sql: Sql,
    readonly groupId: string,
    readonly memberId: string,
    private readonly leaseMs: number,
  ) {}

  async heartbeat(topics: string[]): Promise<void> {
    await this.sql.query(
      `INSERT INTO log_group_members (group_id, member_id, topics, expires_at)
       VALUES ($1, $2, $3::text[], ${leaseEnd('$4')})
       ON CONFLICT (group_id, member_id) DO UPDATE SET topics = EXCLUDED.topics, expires_at = EXCLUDED.expires_at`,
      [this.groupId, this.memberId, topics, this.leaseMs],
    );
  }

  async liveMembers(): Promise<LiveMember[]> {
    await this.sql.query(`DELETE FROM log_group_members WHERE group_id = $1 AND expires_at < now()`, [this.groupId]);
    const { rows } = await this.sql.query<{ member_id: string; topics: string[] }>(
      `SELECT member_id, topics FROM log_group_members WHERE group_id = $1 ORDER BY member_id`,
      [this.groupId],
    );
    return rows.map((row) => ({ memberId: row.member_id, topics: row.topics }));
  }

  /** Extends the lease of every partition this member still owns and returns them. */
  async renewLeases(): Promise<PartitionRef[]> {
    const { rows } = await this.sql.query<PartitionRef>(
      `UPDATE log_group_partitions SET lease_expires_at = ${leaseEnd('$3')}
       WHERE group_id = $1 AND owner_member_id = $2
       RETURNING topic, partition`,
      [this.groupId, this.memberId, this.leaseMs],
    );
    return rows;
  }

  /** Makes sure the group has a row per partition of its topics; returns the partition count per topic. */
  async ensurePartitionRows(topics: string[]): Promise<Map<string, number>> {
    await this.sql.query(
      `INSERT INTO log_group_partitions (group_id, topic, partition)
       SELECT $1, topic, partition FROM log_partitions WHERE topic = ANY($2::text[])
       ON CONFLICT (group_id, topic, partition) DO NOTHING`,
      [this.groupId, topics],
    );
    const { rows } = await this.sql.query<{ topic: string; partitions: string }>(
      `SELECT topic, count(*) AS partitions FROM log_partitions WHERE topic = ANY($1::text[]) GROUP BY topic`,
      [topics],
    );
    return new Map(rows.map((row) => [row.topic, Number(row.partitions)]));
  }

  /**
   * Takes up to `count` partitions of `topic` that nobody holds (never assigned, released, or
   * whose owner's lease ran out). A group's first read of a partition starts at offset 0
   * (`fromBeginning`) or at the partition's end at that moment.
   */
  async claim(topic: string, count: number, fromBeginning: boolean): Promise<number[]> {
    const { rows } = await this.sql.query<{ partition: number }>(
      `UPDATE log_group_partitions gp
       SET owner_member_id = $2, lease_expires_at = ${leaseEnd('$5')},
           committed_offset = COALESCE(gp.committed_offset, CASE WHEN $6::boolean THEN 0 ELSE
             (SELECT p.next_offset FROM log_partitions p WHERE p.topic = gp.topic AND p.partition = gp.partition) END)
       WHERE (gp.group_id, gp.topic, gp.partition) IN (
         SELECT group_id, topic, partition FROM log_group_partitions
         WHERE group_id = $1 AND topic = $3 AND (owner_member_id IS NULL OR lease_expires_at < now())
         ORDER BY partition LIMIT $4
         FOR UPDATE SKIP LOCKED)
       RETURNING gp.partition`,
      [this.groupId, this.memberId, topic, count, this.leaseMs, fromBeginning],
    );
    return rows.map((row) => row.partition);
  }

  async release(ref: PartitionRef): Promise<void> {
    await this.sql.query(
      `UPDATE log_group_partitions SET owner_member_id = NULL, lease_expires_at = NULL
       WHERE group_id = $1 AND topic = $2 AND partition = $3 AND owner_member_id = $4`,
      [this.groupId, ref.topic, ref.partition, this.memberId],
    );
  }

  /** Hands back every partition and leaves the group, so the others take over at once. */
  async leave(): Promise<void> {
    await this.sql.query(
      `UPDATE log_group_partitions SET owner_member_id = NULL, lease_expires_at = NULL
       WHERE group_id = $1 AND owner_member_id = $2`,
      [this.groupId, this.memberId],
    );
    await this.sql.query(`DELETE FROM log_group_members WHERE group_id = $1 AND member_id = $2`, [
      this.groupId,
      this.memberId,
    ]);
  }

  /** Moves the group's position; false when this member no longer owns the partition. */
  async commit(ref: PartitionRef, nextOffset: string): Promise<boolean> {
    const { rowCount } = await this.sql.query(
      `UPDATE log_group_partitions SET committed_offset = $4::bigint, committed_at = now()
       WHERE group_id = $1 AND topic = $2 AND partition = $3 AND owner_member_id = $5`,
      [this.groupId, ref.topic, ref.partition, nextOffset, this.memberId],
    );
    return rowCount > 0;
  }

  /** This member's partitions that hold records past the committed offset. */
  async pending(): Promise<PendingPartition[]> {
    const { rows } = await this.sql.query<{ topic: string; partition: number; committed_offset: string }>(
      `SELECT gp.topic, gp.partition, gp.committed_offset
       FROM log_group_partitions gp
       JOIN log_partitions p ON p.topic = gp.topic AND p.partition = gp.partition
       WHERE gp.group_id = $1 AND gp.owner_member_id = $2 AND p.next_offset > gp.committed_offset
       ORDER BY gp.topic, gp.partition`,
      [this.groupId, this.memberId],
    );
    return rows.map((row) => ({ topic: row.topic, partition: row.partition, committedOffset: String(row.committed_offset) }));
  }
}
