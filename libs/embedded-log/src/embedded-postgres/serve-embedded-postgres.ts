/**
 * Runs an embedded Postgres as its own process until SIGTERM/SIGINT:
 *   node -r @swc-node/register libs/embedded-log/src/embedded-postgres/serve-embedded-postgres.ts
 * Settings: EMBEDDED_POSTGRES_PORT (default 5432, 0 = any free port), EMBEDDED_POSTGRES_DATA_DIR
 * (default: in memory), EMBEDDED_POSTGRES_MAX_CONNECTIONS (default 32).
 * Prints one line `ready <url>` once it accepts connections.
 */
import { startEmbeddedPostgres } from './start-embedded-postgres';

function integerSetting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${raw}`);
  return value;
}

async function main(): Promise<void> {
  const postgres = await startEmbeddedPostgres({
    port: integerSetting('EMBEDDED_POSTGRES_PORT', 5432),
    dataDir: process.env['EMBEDDED_POSTGRES_DATA_DIR'] || undefined,
    maxConnections: integerSetting('EMBEDDED_POSTGRES_MAX_CONNECTIONS', 32),
  });
  process.stdout.write(`ready ${postgres.url}\n`);
  const shutDown = () => {
    postgres.stop().then(
      () => process.exit(0),
      (error) => {
        process.stderr.write(`stopping the embedded Postgres failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutDown);
  process.once('SIGINT', shutDown);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
