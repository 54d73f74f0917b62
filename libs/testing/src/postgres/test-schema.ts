import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '@activation/persistence';
import { testDatabaseUrl } from '../env';

export interface TestSchema {
  name: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

/**
 * A private schema on the shared test database, migrated with the real migrations, so specs
 * run against the production schema without seeing each other's rows.
 */
export async function createTestSchema(options: { migrate?: boolean; entities?: Parameters<typeof createDataSource>[1] } = {}): Promise<TestSchema> {
  const name = `test_${randomBytes(5).toString('hex')}`;
  const dataSource = createDataSource(
    { url: testDatabaseUrl(), schema: name, poolSize: 4, applicationName: 'integration-test' },
    options.entities ?? [],
  );
  await dataSource.initialize();
  await dataSource.query(`CREATE SCHEMA "${name}"`);
  if (options.migrate ?? true) await migrate(dataSource, name);
  return {
    name,
    dataSource,
    drop: async () => {
      await dataSource.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      await dataSource.destroy();
    },
  };
}
