import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A queued row's values and a call's recorded request are kept as `json`, not `jsonb`: `jsonb`
 * reorders object keys (shorter keys first), so rows read back from the queue lost the order of
 * the subscription's projection, and the call log showed requests in another order than sent.
 * Nothing compares or indexes these columns. Rows queued before keep the order they were stored in.
 */
export class DeliveryRowsKeepFieldOrder1765700000000 implements MigrationInterface {
  name = 'DeliveryRowsKeepFieldOrder1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE delivery_rows ALTER COLUMN row_values TYPE json USING row_values::json`);
    await queryRunner.query(`ALTER TABLE delivery_dead_letters ALTER COLUMN row_values TYPE json USING row_values::json`);
    await queryRunner.query(`ALTER TABLE sync_calls ALTER COLUMN request TYPE json USING request::json`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sync_calls ALTER COLUMN request TYPE jsonb USING request::jsonb`);
    await queryRunner.query(`ALTER TABLE delivery_dead_letters ALTER COLUMN row_values TYPE jsonb USING row_values::jsonb`);
    await queryRunner.query(`ALTER TABLE delivery_rows ALTER COLUMN row_values TYPE jsonb USING row_values::jsonb`);
  }
}
