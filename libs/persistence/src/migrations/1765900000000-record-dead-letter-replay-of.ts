import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `dead_letters.replay_of`: the dead letter a replayed message came from, when the replay failed
 * again. No foreign key: the id arrives in a message header, and a dead letter must be recorded
 * even when that row is gone.
 */
export class RecordDeadLetterReplayOf1765900000000 implements MigrationInterface {
  name = 'RecordDeadLetterReplayOf1765900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dead_letters ADD COLUMN replay_of bigint`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dead_letters DROP COLUMN replay_of`);
  }
}
