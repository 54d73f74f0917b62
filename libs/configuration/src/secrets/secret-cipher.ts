import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretKeyring } from './secret-keyring';

/** One secret value at rest: AES-256-GCM under the key `kid`, bound to where it is stored. */
export interface SecretEnvelope {
  v: 1;
  kid: string;
  iv: string;
  tag: string;
  data: string;
}

/** Secret name → envelope, as stored in a `secrets` jsonb column. */
export type EncryptedSecrets = Record<string, SecretEnvelope>;

const ALGORITHM = 'aes-256-gcm';

/**
 * Encrypts and decrypts secret values. The additional authenticated data names the owner and
 * the secret (`destination:<id>:functionKey`), so a ciphertext copied to another row or field
 * fails to decrypt instead of leaking there.
 */
export class SecretCipher {
  constructor(private readonly keyring: SecretKeyring) {}

  get configured(): boolean {
    return this.keyring.configured;
  }

  encrypt(plain: string, context: string): SecretEnvelope {
    const { keyId, key } = this.keyring.activeKey();
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return { v: 1, kid: keyId, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  }

  decrypt(envelope: SecretEnvelope, context: string): string {
    const decipher = createDecipheriv(ALGORITHM, this.keyring.key(envelope.kid), Buffer.from(envelope.iv, 'base64'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(envelope.data, 'base64')), decipher.final()]).toString('utf8');
  }

  /** True when the envelope is not under the active key (rotation pending). */
  isStale(envelope: SecretEnvelope): boolean {
    return envelope.kid !== this.keyring.activeKeyId;
  }

  reencrypt(envelope: SecretEnvelope, context: string): SecretEnvelope {
    return this.encrypt(this.decrypt(envelope, context), context);
  }

  encryptAll(plain: Record<string, string>, owner: string): EncryptedSecrets {
    return Object.fromEntries(Object.entries(plain).map(([name, value]) => [name, this.encrypt(value, secretContext(owner, name))]));
  }

  decryptAll(secrets: EncryptedSecrets, owner: string): Record<string, string> {
    return Object.fromEntries(
      Object.entries(secrets).map(([name, envelope]) => [name, this.decrypt(envelope, secretContext(owner, name))]),
    );
  }
}

/** Who owns a set of secrets; part of the authenticated data of each envelope. */
export const secretOwner = {
  destination: (id: string) => `destination:${id}`,
  source: (id: string) => `source:${id}`,
};

export function secretContext(owner: string, name: string): string {
  return `${owner}:${name}`;
}

/**
 * Applies a change to stored secrets without decrypting the others: a string sets (encrypts)
 * the value, null removes it, an absent name keeps what is stored.
 */
export function mergeSecrets(
  cipher: SecretCipher,
  stored: EncryptedSecrets,
  changes: Record<string, string | null> | undefined,
  owner: string,
): EncryptedSecrets {
  const merged: EncryptedSecrets = { ...stored };
  for (const [name, value] of Object.entries(changes ?? {})) {
    if (value === null) delete merged[name];
    else merged[name] = cipher.encrypt(value, secretContext(owner, name));
  }
  return merged;
}
