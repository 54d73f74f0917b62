import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The writer that last took up a subscription's Blob export. Recording a block, opening a file
 * and marking a file committed check it in the same transaction, so a replica that stalled
 * while another took the subscription over cannot change its export any more.
 */
export class FenceBlobExportWriter1765460000000 implements MigrationInterface {
  name = 'FenceBlobExportWriter1765460000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE blob_export_state ADD COLUMN writer text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE blob_export_state DROP COLUMN writer`);
  }
}
