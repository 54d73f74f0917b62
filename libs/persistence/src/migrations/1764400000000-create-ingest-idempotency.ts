import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys of ingest requests. A row is inserted (claimed) before publishing, inside a
 * transaction that commits only with the response stored, so a concurrent retry waits on the
 * row and then replays the response; a failed attempt rolls back and frees the key. The body is
 * kept as text, so a replay is byte for byte the first answer.
 */
export class CreateIngestIdempotency1764400000000 implements MigrationInterface {
  name = 'CreateIngestIdempotency1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ingest_idempotency_keys (
        scope            text        NOT NULL,
        idempotency_key  text        NOT NULL,
        request_hash     text        NOT NULL,
        response_status  integer,
        response_body    text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        expires_at       timestamptz NOT NULL,
        PRIMARY KEY (scope, idempotency_key)
      )`);
    await queryRunner.query(`CREATE INDEX ingest_idempotency_keys_expires_at ON ingest_idempotency_keys (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ingest_idempotency_keys`);
  }
}
