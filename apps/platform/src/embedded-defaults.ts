import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@activation/embedded-log';
import { localSecrets } from './local-secrets';

export interface PlatformEnvironment {
  env: NodeJS.ProcessEnv;
  embeddedPostgres?: EmbeddedPostgres;
  describe: string;
  dataDir: string;
  /** Where the generated first admin key is, when ADMIN_BOOTSTRAP_KEY was not given. */
  adminKeyFile?: string;
}

/**
 * Without DATABASE_URL, Postgres is embedded (PGlite over the wire protocol, data kept in
 * ACTIVATION_DATA_DIR); without KAFKA_BROKERS, topics live in an append-only log in that
 * database. Setting either address switches to the real server with no other change.
 */
export async function resolvePlatformEnvironment(env: NodeJS.ProcessEnv): Promise<PlatformEnvironment> {
  const resolved: NodeJS.ProcessEnv = { ...env };
  const dataDir = resolve(env['ACTIVATION_DATA_DIR'] ?? join('.local', 'platform'));
  mkdirSync(dataDir, { recursive: true });
  let adminKeyFile: string | undefined;
  if (!env['SECRETS_KEYS'] || !env['ADMIN_BOOTSTRAP_KEY']) {
    const secrets = localSecrets(dataDir);
    resolved['SECRETS_KEYS'] ??= secrets.secretsKeys;
    if (!env['ADMIN_BOOTSTRAP_KEY']) {
      resolved['ADMIN_BOOTSTRAP_KEY'] = secrets.adminKey;
      adminKeyFile = secrets.adminKeyFile;
    }
  }
  let embeddedPostgres: EmbeddedPostgres | undefined;
  if (!env['DATABASE_URL']) {
    embeddedPostgres = await startEmbeddedPostgres({
      dataDir: join(dataDir, 'postgres'),
      port: Number(env['EMBEDDED_POSTGRES_PORT'] ?? 0),
      maxConnections: 64,
    });
    resolved['DATABASE_URL'] = embeddedPostgres.url;
    // The embedded server ignores the search_path connection option: it always uses `public`.
    resolved['DATABASE_SCHEMA'] = 'public';
    resolved['DATABASE_POOL_SIZE'] ??= '3';
    // On one machine, webhook destinations are usually local receivers (the demo's, your own).
    resolved['DELIVERY_ALLOWED_PRIVATE_NETWORKS'] ??= 'loopback';
  }
  if (!env['KAFKA_BROKERS']) resolved['MESSAGE_BUS'] = 'embedded';
  const describe = [
    embeddedPostgres ? `embedded Postgres on 127.0.0.1:${embeddedPostgres.port} (data in ${dataDir})` : 'Postgres at DATABASE_URL',
    resolved['MESSAGE_BUS'] === 'embedded' ? 'embedded log for topics' : `Kafka at ${env['KAFKA_BROKERS']}`,
  ].join(', ');
  return { env: resolved, embeddedPostgres, describe, dataDir, adminKeyFile };
}
