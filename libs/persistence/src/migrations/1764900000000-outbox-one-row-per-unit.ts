import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The membership outbox holds one row per unit of work (a batch part, a scheduler tick, a job page)
 * instead of one per event: `messages` is the published JSON text of its events, newline-joined in
 * publish order (JSON text has no raw newline), `traceparents` the input trace of each ('' for
 * none), and `profile_ids` the profiles it touches, for the pending lookup of a writer that locked
 * some of them. Pending rows are carried over, one unit each.
 */
export class OutboxOneRowPerUnit1764900000000 implements MigrationInterface {
  name = 'OutboxOneRowPerUnit1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE membership_outbox RENAME TO membership_outbox_events`);
    await queryRunner.query(`DROP INDEX membership_outbox_profile`);
    await queryRunner.query(`DROP INDEX membership_outbox_created_at`);
    await queryRunner.query(`
      CREATE TABLE membership_outbox (
        id             bigserial   PRIMARY KEY,
        profile_ids    text[]      NOT NULL,
        messages       text        NOT NULL,
        traceparents   text        NOT NULL,
        message_count  integer     NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query(`CREATE INDEX membership_outbox_profiles ON membership_outbox USING gin (profile_ids) WITH (fastupdate = off)`);
    await queryRunner.query(`CREATE INDEX membership_outbox_created_at ON membership_outbox (created_at)`);
    await queryRunner.query(`
      INSERT INTO membership_outbox (profile_ids, messages, traceparents, message_count, created_at)
      SELECT ARRAY[profile_id], message::text, coalesce(traceparent, ''), 1, created_at
      FROM membership_outbox_events ORDER BY id`);
    await queryRunner.query(`DROP TABLE membership_outbox_events`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE membership_outbox RENAME TO membership_outbox_units`);
    await queryRunner.query(`DROP INDEX membership_outbox_profiles`);
    await queryRunner.query(`DROP INDEX membership_outbox_created_at`);
    await queryRunner.query(`
      CREATE TABLE membership_outbox (
        id           bigserial   PRIMARY KEY,
        event_id     uuid        NOT NULL,
        profile_id   text        NOT NULL,
        message      json        NOT NULL,
        traceparent  text,
        created_at   timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query(`CREATE INDEX membership_outbox_profile ON membership_outbox (profile_id, id)`);
    await queryRunner.query(`CREATE INDEX membership_outbox_created_at ON membership_outbox (created_at)`);
    await queryRunner.query(`
      INSERT INTO membership_outbox (event_id, profile_id, message, traceparent, created_at)
      SELECT (m.body::json->>'eventId')::uuid, m.body::json->>'profileId', m.body::json, nullif(m.traceparent, ''), u.created_at
      FROM membership_outbox_units u,
        unnest(string_to_array(u.messages, E'\\n'), string_to_array(u.traceparents, E'\\n')) WITH ORDINALITY AS m(body, traceparent, n)
      ORDER BY u.id, m.n`);
    await queryRunner.query(`DROP TABLE membership_outbox_units`);
  }
}
