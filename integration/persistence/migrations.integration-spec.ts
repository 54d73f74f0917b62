import { migrate, MIGRATIONS } from '@activation/persistence';
import { createTestSchema, type TestSchema } from '@activation/testing';

describe('migrations', () => {
  let schema: TestSchema;

  beforeAll(async () => {
    schema = await createTestSchema({ migrate: false });
  });

  afterAll(() => schema.drop());

  it('build the schema on an empty database, then run again as a no-op', async () => {
    const first = await migrate(schema.dataSource, schema.name);
    expect(first).toEqual(MIGRATIONS.map((migration) => migration.name));

    const tables: Array<{ table_name: string }> = await schema.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [schema.name],
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['dead_letters', 'schema_migrations']));

    const second = await migrate(schema.dataSource, schema.name);
    expect(second).toEqual([]);
    const recorded = await schema.dataSource.query(`SELECT count(*)::int AS n FROM schema_migrations`);
    expect(recorded[0].n).toBe(MIGRATIONS.length);
  });
});
