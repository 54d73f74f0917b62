import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pull sources (function, SQL table, Blob CSV), their runs and the records each has imported.
 * `state` is the connector's cursor, written only after a page's changes were acknowledged by
 * Kafka; `lease_until` keeps two schedulers from running one source at once; the records table
 * lets a soft delete or a CSV diff know which records exist
 * (`seen_marker`: the last diff file a record appeared in).
 */
export class CreatePullSources1764700000000 implements MigrationInterface {
  name = 'CreatePullSources1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE pull_sources (
        id                uuid        PRIMARY KEY,
        name              text        NOT NULL,
        kind              text        NOT NULL CHECK (kind IN ('function', 'sql', 'blob-csv')),
        settings          jsonb       NOT NULL,
        mapping           jsonb       NOT NULL,
        secrets           jsonb       NOT NULL DEFAULT '{}',
        interval_seconds  integer     NOT NULL CHECK (interval_seconds >= 10),
        enabled           boolean     NOT NULL DEFAULT true,
        state             jsonb       NOT NULL DEFAULT '{}',
        next_run_at       timestamptz NOT NULL DEFAULT now(),
        run_requested_at  timestamptz,
        resync_requested  boolean     NOT NULL DEFAULT false,
        lease_until       timestamptz,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX pull_sources_name ON pull_sources (name)`);
    await queryRunner.query(`
      CREATE TABLE source_runs (
        id           uuid        PRIMARY KEY,
        source_id    uuid        NOT NULL REFERENCES pull_sources (id) ON DELETE CASCADE,
        trigger      text        NOT NULL,
        status       text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        started_at   timestamptz NOT NULL DEFAULT now(),
        finished_at  timestamptz,
        pages        integer     NOT NULL DEFAULT 0,
        upserted     integer     NOT NULL DEFAULT 0,
        deleted      integer     NOT NULL DEFAULT 0,
        skipped      integer     NOT NULL DEFAULT 0,
        rejected     integer     NOT NULL DEFAULT 0,
        notes        jsonb       NOT NULL DEFAULT '[]',
        error        jsonb
      )`);
    await queryRunner.query(`CREATE INDEX source_runs_by_source ON source_runs (source_id, started_at DESC, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE pull_source_records (
        source_id     uuid    NOT NULL REFERENCES pull_sources (id) ON DELETE CASCADE,
        entity        text    NOT NULL,
        record_key    text    NOT NULL,
        profile_id    text    NOT NULL,
        content_hash  text    NOT NULL,
        deleted       boolean NOT NULL DEFAULT false,
        seen_marker   text,
        PRIMARY KEY (source_id, entity, record_key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE pull_source_records`);
    await queryRunner.query(`DROP TABLE source_runs`);
    await queryRunner.query(`DROP TABLE pull_sources`);
  }
}
