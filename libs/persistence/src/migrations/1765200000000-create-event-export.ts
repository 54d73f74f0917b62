import type { MigrationInterface, QueryRunner } from 'typeorm';

const KIND = 'event-export';

/**
 * Behavioral events kept for export, each export's state (watermark, schedule, lease), and the
 * `event-export` destination kind.
 *
 * `tx` is the inserting transaction: a run exports only rows of transactions older than every
 * transaction still running, so a row committed late can never fall behind a watermark.
 */
export class CreateEventExport1765200000000 implements MigrationInterface {
  name = 'CreateEventExport1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE export_events (
        event_id     uuid        PRIMARY KEY,
        position     bigint      GENERATED ALWAYS AS IDENTITY,
        tx           xid8        NOT NULL DEFAULT pg_current_xact_id(),
        profile_id   text        NOT NULL,
        name         text        NOT NULL,
        occurred_at  bigint      NOT NULL,
        received_at  bigint      NOT NULL,
        source       text        NOT NULL,
        properties   jsonb,
        stored_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX export_events_order ON export_events (tx, position)`);
    await queryRunner.query(`CREATE INDEX export_events_stored_at ON export_events (stored_at)`);
    await queryRunner.query(`
      CREATE TABLE event_export_state (
        destination_id      uuid        PRIMARY KEY REFERENCES destinations (id) ON DELETE CASCADE,
        watermark_tx        xid8,
        watermark_position  bigint,
        next_run_at         timestamptz,
        finished            boolean     NOT NULL DEFAULT false,
        lease_owner         text,
        lease_until         timestamptz,
        runs                integer     NOT NULL DEFAULT 0,
        last_run_at         timestamptz,
        last_file           text,
        last_rows           bigint,
        last_error          text,
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await this.changeKinds(queryRunner, (kinds) => [...kinds.filter((kind) => kind !== KIND), KIND]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM destinations WHERE kind = '${KIND}'`);
    await this.changeKinds(queryRunner, (kinds) => kinds.filter((kind) => kind !== KIND));
    await queryRunner.query(`DROP TABLE event_export_state`);
    await queryRunner.query(`DROP TABLE export_events`);
  }

  /** Rewrites the kind check from the kinds it holds now, so other migrations' kinds are kept. */
  private async changeKinds(queryRunner: QueryRunner, change: (kinds: string[]) => string[]): Promise<void> {
    const rows: Array<{ name: string; definition: string }> = await queryRunner.query(`
      SELECT c.conname AS name, pg_get_constraintdef(c.oid) AS definition
        FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
       WHERE t.relname = 'destinations' AND t.relnamespace = current_schema()::regnamespace
         AND c.contype = 'c' AND pg_get_constraintdef(c.oid) LIKE '%kind%'`);
    if (rows.length !== 1) throw new Error(`expected one check constraint on destinations.kind, found ${rows.length}`);
    const kinds = [...rows[0].definition.matchAll(/'([^']+)'/g)].map((match) => match[1]);
    const list = change(kinds).map((kind) => `'${kind.replace(/'/g, "''")}'`).join(', ');
    await queryRunner.query(`ALTER TABLE destinations DROP CONSTRAINT "${rows[0].name}"`);
    await queryRunner.query(`ALTER TABLE destinations ADD CONSTRAINT "${rows[0].name}" CHECK (kind IN (${list}))`);
  }
}
