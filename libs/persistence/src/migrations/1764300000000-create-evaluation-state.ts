import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evaluator state: profiles, raw behavioral events, memberships, the membership outbox, processed
 * inputs (idempotency), the time schedule, audience versions seen, backfill / snapshot jobs and
 * membership count changes. Times the evaluator computes with are epoch milliseconds (bigint);
 * bookkeeping times are timestamptz.
 */
export class CreateEvaluationState1764300000000 implements MigrationInterface {
  name = 'CreateEvaluationState1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE profiles (
        profile_id   text        PRIMARY KEY,
        attributes   jsonb       NOT NULL DEFAULT '{}',
        identifiers  jsonb       NOT NULL DEFAULT '{}',
        deleted      boolean     NOT NULL DEFAULT false,
        version      bigint      NOT NULL DEFAULT 0,
        changed_at   bigint,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE profile_events (
        event_id     uuid        PRIMARY KEY,
        profile_id   text        NOT NULL,
        name         text        NOT NULL,
        occurred_at  bigint      NOT NULL,
        properties   jsonb,
        stored_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX profile_events_profile ON profile_events (profile_id, name, occurred_at)`);
    await queryRunner.query(`CREATE INDEX profile_events_occurred_at ON profile_events (occurred_at)`);
    await queryRunner.query(`
      CREATE TABLE memberships (
        profile_id          text        NOT NULL,
        audience_id         text        NOT NULL,
        member              boolean     NOT NULL,
        membership_version  integer     NOT NULL,
        audience_version    integer     NOT NULL,
        projected           jsonb       NOT NULL DEFAULT '{}',
        entered_at          bigint,
        exited_at           bigint,
        updated_at          timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (profile_id, audience_id)
      )`);
    await queryRunner.query(`CREATE INDEX memberships_audience_members ON memberships (audience_id, profile_id) WHERE member`);
    await queryRunner.query(`
      CREATE TABLE membership_outbox (
        id           bigserial   PRIMARY KEY,
        event_id     uuid        NOT NULL,
        profile_id   text        NOT NULL,
        message      jsonb       NOT NULL,
        traceparent  text,
        created_at   timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query(`CREATE INDEX membership_outbox_profile ON membership_outbox (profile_id, id)`);
    await queryRunner.query(`CREATE INDEX membership_outbox_created_at ON membership_outbox (created_at)`);
    await queryRunner.query(`
      CREATE TABLE processed_inputs (
        event_id      uuid        PRIMARY KEY,
        profile_id    text        NOT NULL,
        processed_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX processed_inputs_processed_at ON processed_inputs (processed_at)`);
    await queryRunner.query(`
      CREATE TABLE evaluation_schedule (
        profile_id     text        PRIMARY KEY,
        due_at         bigint      NOT NULL,
        claimed_until  timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX evaluation_schedule_due_at ON evaluation_schedule (due_at)`);
    await queryRunner.query(`
      CREATE TABLE evaluated_audiences (
        audience_id  text        PRIMARY KEY,
        version      integer     NOT NULL,
        status       text        NOT NULL,
        definition   jsonb       NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE backfill_jobs (
        id                      bigserial   PRIMARY KEY,
        job_key                 text        NOT NULL UNIQUE,
        audience_id             text        NOT NULL,
        kind                    text        NOT NULL,
        audience_version        integer     NOT NULL,
        definition              jsonb       NOT NULL,
        target_subscription_id  integer,
        request_id              uuid,
        requested_at            bigint      NOT NULL,
        status                  text        NOT NULL DEFAULT 'running',
        total                   integer     NOT NULL DEFAULT 0,
        processed               integer     NOT NULL DEFAULT 0,
        entered                 integer     NOT NULL DEFAULT 0,
        modified                integer     NOT NULL DEFAULT 0,
        exited                  integer     NOT NULL DEFAULT 0,
        emitted                 integer     NOT NULL DEFAULT 0,
        cursor                  text,
        lease_owner             text,
        lease_until             timestamptz,
        error                   text,
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now(),
        finished_at             timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX backfill_jobs_audience ON backfill_jobs (audience_id, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX backfill_jobs_running ON backfill_jobs (created_at) WHERE status = 'running'`);
    await queryRunner.query(`
      CREATE TABLE membership_count_changes (
        audience_id   text     NOT NULL,
        bucket_start  bigint   NOT NULL,
        shard         integer  NOT NULL,
        entered       integer  NOT NULL DEFAULT 0,
        exited        integer  NOT NULL DEFAULT 0,
        PRIMARY KEY (audience_id, bucket_start, shard)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'membership_count_changes', 'backfill_jobs', 'evaluated_audiences', 'evaluation_schedule', 'processed_inputs',
      'membership_outbox', 'memberships', 'profile_events', 'profiles',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
