import type { DataSource } from 'typeorm';
import { secretContext, type EncryptedSecrets, type SecretCipher } from '@activation/configuration';
import { alertChannelSecretOwner } from '../model/alert-channel';

/**
 * Re-encrypts alert-channel secrets not under the active key (the alert-channel part of rotating
 * SECRETS_KEYS); returns how many channels changed and how many still hold a stale secret.
 */
export async function rotateAlertChannelSecrets(
  dataSource: DataSource,
  cipher: SecretCipher,
  options: { checkOnly?: boolean } = {},
): Promise<{ rotated: number; pending: number }> {
  if (options.checkOnly) return { rotated: 0, pending: await pendingChannels(dataSource, cipher) };
  const rows: Array<{ id: number; secrets: EncryptedSecrets }> = await dataSource.query(`SELECT id, secrets FROM alert_channels ORDER BY id`);
  let rotated = 0;
  for (const { id } of rows.filter((row) => Object.values(row.secrets).some((envelope) => cipher.isStale(envelope)))) {
    const changed = await dataSource.transaction(async (manager) => {
      const [row]: Array<{ secrets: EncryptedSecrets }> = await manager.query(`SELECT secrets FROM alert_channels WHERE id = $1 FOR UPDATE`, [id]);
      const names = row ? Object.keys(row.secrets).filter((name) => cipher.isStale(row.secrets[name])) : [];
      if (names.length === 0) return false;
      const secrets = { ...row.secrets };
      for (const name of names) secrets[name] = cipher.reencrypt(secrets[name], secretContext(alertChannelSecretOwner(id), name));
      await manager.query(`UPDATE alert_channels SET secrets = $2, updated_at = now() WHERE id = $1`, [id, JSON.stringify(secrets)]);
      return true;
    });
    if (changed) rotated += 1;
  }
  return { rotated, pending: await pendingChannels(dataSource, cipher) };
}

async function pendingChannels(dataSource: DataSource, cipher: SecretCipher): Promise<number> {
  const rows: Array<{ secrets: EncryptedSecrets }> = await dataSource.query(`SELECT secrets FROM alert_channels`);
  return rows.filter((row) => Object.values(row.secrets).some((envelope) => cipher.isStale(envelope))).length;
}

