import { loadConfig, PlatformSettings } from '@activation/config';
import { createDataSource, migrate } from '../data-source/create-data-source';

/** `npm run migrate`: applies pending migrations to DATABASE_URL / DATABASE_SCHEMA. */
async function main(): Promise<void> {
  const settings = loadConfig(PlatformSettings);
  const dataSource = createDataSource({
    url: settings.DATABASE_URL,
    schema: settings.DATABASE_SCHEMA,
    poolSize: 1,
    applicationName: 'migrate',
  });
  await dataSource.initialize();
  try {
    const applied = await migrate(dataSource, settings.DATABASE_SCHEMA);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
