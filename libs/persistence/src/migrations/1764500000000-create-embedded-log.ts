import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Postgres-backed message log of the single-machine default (@activation/embedded-log):
 * topics and their partitions (with the next offset to assign), the append-only records, and
 * per consumer group the committed offset and the lease of each partition, plus live members.
 */
export class CreateEmbeddedLog1764500000000 implements MigrationInterface {
  name = 'CreateEmbeddedLog1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE log_topics (
        name        text        PRIMARY KEY,
        partitions  integer     NOT NULL CHECK (partitions BETWEEN 1 AND 1000),
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE log_partitions (
        topic        text    NOT NULL REFERENCES log_topics (name) ON DELETE CASCADE,
        partition    integer NOT NULL,
        next_offset  bigint  NOT NULL DEFAULT 0,
        PRIMARY KEY (topic, partition)
      )`);
    await queryRunner.query(`
      CREATE TABLE log_records (
        topic        text        NOT NULL,
        partition    integer     NOT NULL,
        "offset"     bigint      NOT NULL,
        message_key  text,
        value        bytea,
        headers      jsonb       NOT NULL DEFAULT '{}',
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (topic, partition, "offset")
      )`);
    await queryRunner.query(`
      CREATE TABLE log_group_members (
        group_id    text        NOT NULL,
        member_id   text        NOT NULL,
        topics      text[]      NOT NULL,
        expires_at  timestamptz NOT NULL,
        PRIMARY KEY (group_id, member_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE log_group_partitions (
        group_id          text    NOT NULL,
        topic             text    NOT NULL,
        partition         integer NOT NULL,
        committed_offset  bigint,
        committed_at      timestamptz,
        owner_member_id   text,
        lease_expires_at  timestamptz,
        PRIMARY KEY (group_id, topic, partition)
      )`);
    await queryRunner.query(`CREATE INDEX log_group_partitions_owner ON log_group_partitions (group_id, owner_member_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE log_group_partitions`);
    await queryRunner.query(`DROP TABLE log_group_members`);
    await queryRunner.query(`DROP TABLE log_records`);
    await queryRunner.query(`DROP TABLE log_partitions`);
    await queryRunner.query(`DROP TABLE log_topics`);
  }
}
