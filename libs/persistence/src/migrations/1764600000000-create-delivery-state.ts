import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery state shared by every emitter (see libs/delivery/README.md): the per-key version
 * watermark, the queue of rows waiting for delivery, sync runs and their calls, dead-lettered
 * rows, per-subscription status, replays, and the leases that give each destination one
 * dispatching replica at a time.
 */
export class CreateDeliveryState1764600000000 implements MigrationInterface {
  name = 'CreateDeliveryState1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE delivery_keys (
        subscription_id  integer     NOT NULL,
        primary_key      text        NOT NULL,
        last_version     integer     NOT NULL,
        updated_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (subscription_id, primary_key)
      )`);
    await queryRunner.query(`
      CREATE TABLE delivery_rows (
        id                  bigserial   PRIMARY KEY,
        subscription_id     integer     NOT NULL,
        primary_key         text        NOT NULL,
        membership_version  integer     NOT NULL,
        call_type           text        NOT NULL CHECK (call_type IN ('NEW', 'MODIFIED', 'REMOVED')),
        event_id            uuid        NOT NULL,
        origin              text        NOT NULL CHECK (origin IN ('stream', 'snapshot', 'replay')),
        replay_id           bigint,
        row_values          jsonb       NOT NULL,
        envelope            jsonb       NOT NULL,
        event_time          timestamptz NOT NULL,
        staged_at           timestamptz NOT NULL DEFAULT now(),
        attempts            integer     NOT NULL DEFAULT 0,
        run_attempts        integer     NOT NULL DEFAULT 0,
        last_run_id         integer,
        deferred            boolean     NOT NULL DEFAULT false,
        first_failed_at     timestamptz,
        next_attempt_at     timestamptz NOT NULL DEFAULT now(),
        last_error          text
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX delivery_rows_key_version ON delivery_rows (subscription_id, primary_key, membership_version)`,
    );
    await queryRunner.query(`CREATE INDEX delivery_rows_ready ON delivery_rows (subscription_id, next_attempt_at)`);
    await queryRunner.query(`CREATE INDEX delivery_rows_deferred ON delivery_rows (subscription_id) WHERE deferred`);
    await queryRunner.query(`CREATE INDEX delivery_rows_replay ON delivery_rows (replay_id) WHERE replay_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE sync_runs (
        subscription_id  integer     NOT NULL,
        run_id           integer     NOT NULL,
        trigger          text        NOT NULL,
        status           text        NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'interrupted')),
        started_at       timestamptz NOT NULL DEFAULT now(),
        ended_at         timestamptz,
        end_reason       text,
        calls            integer     NOT NULL DEFAULT 0,
        added            integer     NOT NULL DEFAULT 0,
        changed          integer     NOT NULL DEFAULT 0,
        removed          integer     NOT NULL DEFAULT 0,
        rejected         integer     NOT NULL DEFAULT 0,
        retried          integer     NOT NULL DEFAULT 0,
        throttled        integer     NOT NULL DEFAULT 0,
        superseded       integer     NOT NULL DEFAULT 0,
        dead_lettered    integer     NOT NULL DEFAULT 0,
        PRIMARY KEY (subscription_id, run_id)
      )`);
    await queryRunner.query(`CREATE INDEX sync_runs_started ON sync_runs (started_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE sync_calls (
        id               bigserial   PRIMARY KEY,
        subscription_id  integer     NOT NULL,
        run_id           integer     NOT NULL,
        started_at       timestamptz NOT NULL,
        operation        text        NOT NULL,
        row_count        integer     NOT NULL,
        retry            boolean     NOT NULL DEFAULT false,
        outcome          text        NOT NULL CHECK (outcome IN ('delivered', 'partial', 'rejected', 'throttled')),
        http_status      integer,
        latency_ms       integer     NOT NULL,
        error_class      text,
        error            text,
        primary_keys     text[]      NOT NULL,
        rejected         jsonb       NOT NULL DEFAULT '[]',
        request          jsonb,
        response         text
      )`);
    await queryRunner.query(`CREATE INDEX sync_calls_run ON sync_calls (subscription_id, run_id, id)`);
    await queryRunner.query(`CREATE INDEX sync_calls_started ON sync_calls (started_at)`);
    await queryRunner.query(`
      CREATE TABLE delivery_dead_letters (
        id                  bigserial   PRIMARY KEY,
        subscription_id     integer     NOT NULL,
        run_id              integer,
        primary_key         text        NOT NULL,
        membership_version  integer     NOT NULL,
        call_type           text        NOT NULL,
        event_id            uuid        NOT NULL,
        row_values          jsonb       NOT NULL,
        envelope            jsonb       NOT NULL,
        attempts            integer     NOT NULL,
        reason              text        NOT NULL,
        first_failed_at     timestamptz,
        staged_at           timestamptz NOT NULL,
        dead_lettered_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX delivery_dead_letters_subscription ON delivery_dead_letters (subscription_id, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE delivery_subscription_state (
        subscription_id            integer     PRIMARY KEY,
        last_success_at            timestamptz,
        last_error_at              timestamptz,
        last_error_class           text,
        last_error                 text,
        consecutive_failures       integer     NOT NULL DEFAULT 0,
        paused_until               timestamptz,
        initial_sync_requested_at  timestamptz,
        initial_sync_request_id    uuid,
        updated_at                 timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE delivery_replays (
        id               bigserial   PRIMARY KEY,
        subscription_id  integer     NOT NULL,
        from_time        timestamptz NOT NULL,
        status           text        NOT NULL DEFAULT 'requested'
                                     CHECK (status IN ('requested', 'reading', 'delivering', 'completed', 'failed')),
        requested_by     text        NOT NULL,
        requested_at     timestamptz NOT NULL DEFAULT now(),
        started_at       timestamptz,
        finished_at      timestamptz,
        end_offsets      jsonb,
        staged_rows      integer     NOT NULL DEFAULT 0,
        error            text
      )`);
    await queryRunner.query(`CREATE INDEX delivery_replays_open ON delivery_replays (subscription_id) WHERE status IN ('requested', 'reading', 'delivering')`);
    await queryRunner.query(`
      CREATE TABLE delivery_leases (
        scope       text        PRIMARY KEY,
        owner       text        NOT NULL,
        epoch       bigint      NOT NULL,
        expires_at  timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE delivery_workers (
        worker_id     text        PRIMARY KEY,
        service       text        NOT NULL,
        heartbeat_at  timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'delivery_workers', 'delivery_leases', 'delivery_replays', 'delivery_subscription_state', 'delivery_dead_letters',
      'sync_calls', 'sync_runs', 'delivery_rows', 'delivery_keys',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
