import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import type { DatabaseOptions } from './database-options';

type EntityList = MixedList<string | (new (...args: never[]) => unknown) | EntitySchema>;

/**
 * The one way the platform opens Postgres. The schema is put first on the search path, so the
 * same migrations serve `public` in production and a private schema per integration test.
 * The schema is only ever changed by migrations.
 */
export function createDataSource(options: DatabaseOptions, entities: EntityList = []): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    applicationName: options.applicationName,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    poolSize: options.poolSize,
    extra: { options: `-c search_path=${options.schema}` },
  });
}

export async function ensureSchema(dataSource: DataSource, schema: string): Promise<void> {
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
}

/** Applies pending migrations; a no-op when the schema is current. Returns the names applied. */
export async function migrate(dataSource: DataSource, schema: string): Promise<string[]> {
  await ensureSchema(dataSource, schema);
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}
