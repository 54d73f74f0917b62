import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDeadLetters1764100000000 implements MigrationInterface {
  name = 'CreateDeadLetters1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dead_letters (
        id             bigserial PRIMARY KEY,
        service        text        NOT NULL,
        topic          text        NOT NULL,
        partition      integer     NOT NULL,
        "offset"       bigint      NOT NULL,
        message_key    text,
        payload        bytea,
        payload_text   text,
        headers        jsonb       NOT NULL DEFAULT '{}',
        reason         text        NOT NULL,
        failed_at      timestamptz NOT NULL,
        replay_status  text        NOT NULL DEFAULT 'pending',
        replayed_at    timestamptz,
        replay_count   integer     NOT NULL DEFAULT 0,
        CONSTRAINT dead_letters_origin UNIQUE (topic, partition, "offset", service)
      )`);
    await queryRunner.query(`CREATE INDEX dead_letters_failed_at ON dead_letters (failed_at DESC)`);
    await queryRunner.query(`CREATE INDEX dead_letters_service_topic ON dead_letters (service, topic)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE dead_letters`);
  }
}
