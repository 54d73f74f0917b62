import { randomBytes } from 'node:crypto';

/**
 * A keyring of one fresh key, as SECRETS_KEYS would give it. The cipher over it is the
 * configuration library's own (`new SecretCipher(SecretKeyring.fromSettings({ SECRETS_KEYS }))`):
 * this library cannot import that one, whose specs use this library.
 */
export function testSecretKeys(): string {
  return `k1:${randomBytes(32).toString('base64')}`;
}
