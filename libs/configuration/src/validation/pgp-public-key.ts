import type { FieldError } from '@activation/contracts';
import type { DestinationKind } from '../entities/destination.entity';
import { DESTINATION_KIND_SPECS } from './destination-kinds';
import { keyPath } from './json-path';

/** The destination secret that holds an armored OpenPGP public key files are encrypted to. */
export const PGP_PUBLIC_KEY_SECRET = 'pgpPublicKey';

/**
 * Why an armored text is not an OpenPGP public key that can encrypt (unreadable, a private key,
 * expired or revoked, no encryption subkey); undefined when it is one. Reading a key is
 * asynchronous in `openpgp`, so this runs beside the synchronous shape validation.
 */
export async function pgpPublicKeyProblem(armoredKey: string): Promise<string | undefined> {
  // Loaded on first use: most services never read a key.
  const { readKey } = await import('openpgp');
  try {
    const key = await readKey({ armoredKey });
    if (key.isPrivate()) return 'it is a private key; give the public key';
    await key.getEncryptionKey();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Checks a `pgpPublicKey` secret being set on a destination of a kind that takes one. The
 * message names the secret and the reason, never the key.
 */
export async function validatePgpPublicKeySecret(kind: DestinationKind, changes: unknown, path = '$.secrets'): Promise<FieldError[]> {
  if (!DESTINATION_KIND_SPECS[kind].secrets.allowed.includes(PGP_PUBLIC_KEY_SECRET)) return [];
  if (typeof changes !== 'object' || changes === null) return [];
  const value = (changes as Record<string, unknown>)[PGP_PUBLIC_KEY_SECRET];
  if (typeof value !== 'string' || value.length === 0) return [];
  const problem = await pgpPublicKeyProblem(value);
  return problem ? [{ path: keyPath(path, PGP_PUBLIC_KEY_SECRET), message: `must be an armored OpenPGP public key that can encrypt: ${problem}` }] : [];
}
