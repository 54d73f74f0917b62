import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The W3C trace ids of the changes a delivery call carried, so a call in the live debugger leads
 * to the logs of the changes it delivered. Calls recorded before have none.
 */
export class RecordCallTraceIds1765500000000 implements MigrationInterface {
  name = 'RecordCallTraceIds1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sync_calls ADD COLUMN trace_ids text[] NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sync_calls DROP COLUMN trace_ids`);
  }
}
