import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency claims become committed leases: a claimed row has no response yet, a token that only
 * its holder knows and an `expires_at` at the end of the lease. No transaction stays open while the
 * request publishes, which the embedded single-session Postgres could not serve (the publish to
 * the embedded log waited for the claim's transaction, and the claim for the publish).
 */
export class LeaseIdempotencyClaims1765600000000 implements MigrationInterface {
  name = 'LeaseIdempotencyClaims1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ingest_idempotency_keys ADD COLUMN claim_token text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM ingest_idempotency_keys WHERE response_status IS NULL`);
    await queryRunner.query(`ALTER TABLE ingest_idempotency_keys DROP COLUMN claim_token`);
  }
}
