import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource, migrate } from '@activation/persistence';
import { spawnTs, waitFor } from '@activation/testing';
import { embeddedLogEnvironment } from './embedded-log-environment';
import { describeMessageBusConformance } from './message-bus-conformance';

// PGlite loads Node built-ins with dynamic import(), which Jest's module sandbox refuses,
// so the embedded Postgres runs in a process of its own, as the launcher would run it.
const SERVER = 'libs/embedded-log/src/embedded-postgres/serve-embedded-postgres.ts';

describeMessageBusConformance('EmbeddedLogBus on PGlite over the wire protocol', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'embedded-log-pglite-'));
  const server = spawnTs(SERVER, {
    EMBEDDED_POSTGRES_PORT: '0',
    EMBEDDED_POSTGRES_DATA_DIR: dataDir,
    EMBEDDED_POSTGRES_MAX_CONNECTIONS: '64',
  });
  const url = await waitFor(async () => /^ready (\S+)$/m.exec(server.output())?.[1], 60_000, 'the embedded Postgres');
  // PGlite ignores the search_path startup option: the platform's tables live in `public` there.
  const migrator = createDataSource({ url, schema: 'public', poolSize: 1, applicationName: 'migrate' });
  await migrator.initialize();
  await migrate(migrator, 'public');
  await migrator.destroy();
  return embeddedLogEnvironment(url, 'public', async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    await rm(dataDir, { recursive: true, force: true });
  });
});
