import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * For a local platform only: the secrets-encryption key and a first admin API key, created once
 * in the data directory (file mode 600) so a restart can still read what was stored.
 */
export function localSecrets(dataDir: string): { secretsKeys: string; adminKeyFile: string; adminKey: string } {
  const keyFile = join(dataDir, 'secrets-key');
  if (!existsSync(keyFile)) writeFileSync(keyFile, `local:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  const adminKeyFile = join(dataDir, 'admin-api-key');
  if (!existsSync(adminKeyFile)) writeFileSync(adminKeyFile, `local-admin-${randomBytes(24).toString('hex')}\n`, { mode: 0o600 });
  return {
    secretsKeys: readFileSync(keyFile, 'utf8').trim(),
    adminKeyFile,
    adminKey: readFileSync(adminKeyFile, 'utf8').trim(),
  };
}
