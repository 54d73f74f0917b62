import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audience exports to Azure Blob storage. A file is a block blob written as staged blocks and
 * made visible by one commit of its block list; `blob_export_blocks` records every staged block
 * (so a file left open by a crash is committed with exactly its recorded blocks), and
 * `blob_export_rows` the delivery rows a recorded block holds (so a row delivered again after a
 * crash is not written twice). `blob_export_state` holds the per-subscription file sequence and
 * the progress of a one-time export.
 */
export class CreateBlobExportState1765100000000 implements MigrationInterface {
  name = 'CreateBlobExportState1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE blob_export_state (
        subscription_id   integer     PRIMARY KEY,
        next_file_number  integer     NOT NULL DEFAULT 1,
        snapshot_rows     bigint      NOT NULL DEFAULT 0,
        skipped_rows      bigint      NOT NULL DEFAULT 0,
        completed_at      timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE blob_export_files (
        subscription_id  integer     NOT NULL,
        file_number      integer     NOT NULL,
        blob_name        text        NOT NULL,
        status           text        NOT NULL CHECK (status IN ('open', 'committed')),
        bytes            bigint      NOT NULL DEFAULT 0,
        row_count        integer     NOT NULL DEFAULT 0,
        block_count      integer     NOT NULL DEFAULT 0,
        opened_at        timestamptz NOT NULL DEFAULT now(),
        committed_at     timestamptz,
        PRIMARY KEY (subscription_id, file_number)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX blob_export_files_open ON blob_export_files (subscription_id) WHERE status = 'open'`);
    await queryRunner.query(`
      CREATE TABLE blob_export_blocks (
        subscription_id  integer  NOT NULL,
        file_number      integer  NOT NULL,
        block_number     integer  NOT NULL,
        block_id         text     NOT NULL,
        bytes            integer  NOT NULL,
        row_count        integer  NOT NULL,
        PRIMARY KEY (subscription_id, file_number, block_number)
      )`);
    await queryRunner.query(`
      CREATE TABLE blob_export_rows (
        subscription_id  integer  NOT NULL,
        delivery_row_id  bigint   NOT NULL,
        file_number      integer  NOT NULL,
        PRIMARY KEY (subscription_id, delivery_row_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE blob_export_rows`);
    await queryRunner.query(`DROP TABLE blob_export_blocks`);
    await queryRunner.query(`DROP TABLE blob_export_files`);
    await queryRunner.query(`DROP TABLE blob_export_state`);
  }
}
