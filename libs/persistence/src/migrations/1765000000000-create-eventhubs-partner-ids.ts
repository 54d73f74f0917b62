import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The partner ids last sent to each Event Hubs subscription per profile, so a REMOVED whose
 * membership event carries no ids any more (the profile was deleted, or its ids for the partner
 * were removed) still reaches the destination with the ids it knows.
 */
export class CreateEventHubsPartnerIds1765000000000 implements MigrationInterface {
  name = 'CreateEventHubsPartnerIds1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE eventhubs_partner_ids (
        subscription_id  integer     NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
        profile_id       text        NOT NULL,
        partner_number   integer     NOT NULL,
        partner_ids      text[]      NOT NULL,
        updated_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (subscription_id, profile_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE eventhubs_partner_ids`);
  }
}
