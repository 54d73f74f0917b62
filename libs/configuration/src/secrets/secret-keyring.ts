export class SecretsNotConfiguredError extends Error {
  constructor() {
    super('secrets cannot be stored or read: SECRETS_KEYS is not set');
    this.name = 'SecretsNotConfiguredError';
  }
}

export class UnknownSecretKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`secret was encrypted under key id "${keyId}", which SECRETS_KEYS does not hold`);
    this.name = 'UnknownSecretKeyError';
  }
}

const KEY_ID = /^[A-Za-z0-9_.-]{1,32}$/;
const KEY_BYTES = 32;

/**
 * Parses `keyId:base64Key,...`. Error messages name key ids and positions, never key material.
 */
export function parseSecretKeys(spec: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  const entries = spec.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) throw new Error('must hold at least one keyId:base64Key entry');
  entries.forEach((entry, index) => {
    const separator = entry.indexOf(':');
    const keyId = separator > 0 ? entry.slice(0, separator) : '';
    if (!KEY_ID.test(keyId)) throw new Error(`entry ${index + 1} must look like keyId:base64Key (key id: letters, digits, _ . -)`);
    if (keys.has(keyId)) throw new Error(`key id "${keyId}" appears twice`);
    const encoded = entry.slice(separator + 1);
    const key = Buffer.from(encoded, 'base64');
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded) || key.length !== KEY_BYTES) {
      throw new Error(`key "${keyId}" must be ${KEY_BYTES} bytes encoded in base64`);
    }
    keys.set(keyId, key);
  });
  return keys;
}

/** The keys secrets are encrypted under: one active key for writing, every listed key for reading. */
export class SecretKeyring {
  private constructor(
    private readonly keys: Map<string, Buffer>,
    readonly activeKeyId: string | undefined,
  ) {}

  static empty(): SecretKeyring {
    return new SecretKeyring(new Map(), undefined);
  }

  static fromSettings(settings: { SECRETS_KEYS?: string; SECRETS_ACTIVE_KEY_ID?: string }): SecretKeyring {
    if (!settings.SECRETS_KEYS) {
      if (settings.SECRETS_ACTIVE_KEY_ID) throw new Error('SECRETS_ACTIVE_KEY_ID is set but SECRETS_KEYS is not');
      return SecretKeyring.empty();
    }
    const keys = parseSecretKeys(settings.SECRETS_KEYS);
    const active = settings.SECRETS_ACTIVE_KEY_ID ?? (keys.size === 1 ? [...keys.keys()][0] : undefined);
    if (!active) throw new Error('SECRETS_ACTIVE_KEY_ID must name one of the SECRETS_KEYS when several keys are listed');
    if (!keys.has(active)) throw new Error(`SECRETS_ACTIVE_KEY_ID "${active}" is not a key id of SECRETS_KEYS`);
    return new SecretKeyring(keys, active);
  }

  get configured(): boolean {
    return this.activeKeyId !== undefined;
  }

  activeKey(): { keyId: string; key: Buffer } {
    if (!this.activeKeyId) throw new SecretsNotConfiguredError();
    return { keyId: this.activeKeyId, key: this.key(this.activeKeyId) };
  }

  key(keyId: string): Buffer {
    if (!this.configured) throw new SecretsNotConfiguredError();
    const key = this.keys.get(keyId);
    if (!key) throw new UnknownSecretKeyError(keyId);
    return key;
  }
}
