import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The membership outbox keeps each message as the exact JSON text that is published (`json`, not
 * `jsonb`): inserting it needs no conversion and a republished row carries the same bytes.
 */
export class OutboxMessageAsJson1764800000000 implements MigrationInterface {
  name = 'OutboxMessageAsJson1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE membership_outbox ALTER COLUMN message TYPE json USING message::json`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE membership_outbox ALTER COLUMN message TYPE jsonb USING message::jsonb`);
  }
}
