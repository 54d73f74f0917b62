import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When an event export's `last_error` was recorded, for the admin API's export status. Errors
 * recorded before keep no time (`updated_at` also moves when a run is claimed).
 */
export class RecordEventExportErrorTime1765800000000 implements MigrationInterface {
  name = 'RecordEventExportErrorTime1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE event_export_state ADD COLUMN last_error_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE event_export_state DROP COLUMN last_error_at`);
  }
}
