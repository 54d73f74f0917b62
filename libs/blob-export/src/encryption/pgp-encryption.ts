import { createMessage, encrypt, enums, readKey, type PublicKey } from 'openpgp';

/** The destination secret holding an armored OpenPGP public key; when set, every export file is encrypted to it. */
export const PGP_PUBLIC_KEY_SECRET = 'pgpPublicKey';

export class PgpKeyError extends Error {
  constructor(reason: string) {
    super(`the ${PGP_PUBLIC_KEY_SECRET} secret is not a usable OpenPGP public key: ${reason}`);
    this.name = 'PgpKeyError';
  }
}

/**
 * Encrypts a whole export file as one OpenPGP message (binary, not armored). The data is
 * already gzipped when the export is; OpenPGP's own compression is left off so the file's size
 * is known before it is written.
 */
export class PgpEncryption {
  private key?: Promise<PublicKey>;

  constructor(private readonly armoredKey: string) {}

  /** Reads the key (once); throws PgpKeyError when it is not a public key that can encrypt. */
  async check(): Promise<void> {
    await this.publicKey();
  }

  async encrypt(plain: Buffer): Promise<Buffer> {
    const encrypted = await encrypt({
      message: await createMessage({ binary: plain, format: 'binary' }),
      encryptionKeys: await this.publicKey(),
      format: 'binary',
      config: { preferredCompressionAlgorithm: enums.compression.uncompressed },
    });
    return Buffer.from(encrypted);
  }

  private publicKey(): Promise<PublicKey> {
    this.key ??= readPublicKey(this.armoredKey);
    return this.key;
  }
}

async function readPublicKey(armoredKey: string): Promise<PublicKey> {
  let key;
  try {
    key = await readKey({ armoredKey });
  } catch (error) {
    throw new PgpKeyError((error as Error).message);
  }
  if (key.isPrivate()) throw new PgpKeyError('it is a private key; give the public key');
  try {
    await key.getEncryptionKey();
  } catch (error) {
    throw new PgpKeyError((error as Error).message);
  }
  return key;
}
