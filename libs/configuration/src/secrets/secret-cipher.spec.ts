import { randomBytes } from 'node:crypto';
import { mergeSecrets, SecretCipher } from './secret-cipher';
import { SecretKeyring, SecretsNotConfiguredError, UnknownSecretKeyError } from './secret-keyring';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');

function cipherWith(keys: string, active?: string): SecretCipher {
  return new SecretCipher(SecretKeyring.fromSettings({ SECRETS_KEYS: keys, SECRETS_ACTIVE_KEY_ID: active }));
}

describe('SecretCipher', () => {
  it('round-trips a value and never stores it in clear text', () => {
    const cipher = cipherWith(`a:${keyA}`);
    const envelope = cipher.encrypt('my-function-key', 'destination:1:functionKey');
    expect(JSON.stringify(envelope)).not.toContain('my-function-key');
    expect(envelope.kid).toBe('a');
    expect(cipher.decrypt(envelope, 'destination:1:functionKey')).toBe('my-function-key');
  });

  it('uses a fresh IV for every encryption', () => {
    const cipher = cipherWith(`a:${keyA}`);
    expect(cipher.encrypt('same', 'x').data).not.toBe(cipher.encrypt('same', 'x').data);
  });

  it('refuses a ciphertext moved to another owner or field', () => {
    const cipher = cipherWith(`a:${keyA}`);
    const envelope = cipher.encrypt('secret', 'destination:1:functionKey');
    expect(() => cipher.decrypt(envelope, 'destination:2:functionKey')).toThrow();
  });

  it('refuses a tampered ciphertext', () => {
    const cipher = cipherWith(`a:${keyA}`);
    const envelope = cipher.encrypt('secret', 'ctx');
    const data = Buffer.from(envelope.data, 'base64');
    data[0] ^= 1;
    expect(() => cipher.decrypt({ ...envelope, data: data.toString('base64') }, 'ctx')).toThrow();
  });

  it('rotation: the new active key re-encrypts, old envelopes stay readable while their key is listed', () => {
    const before = cipherWith(`a:${keyA}`);
    const old = before.encrypt('connection-string', 'ctx');
    const during = cipherWith(`a:${keyA},b:${keyB}`, 'b');
    expect(during.isStale(old)).toBe(true);
    expect(during.decrypt(old, 'ctx')).toBe('connection-string');
    const rotated = during.reencrypt(old, 'ctx');
    expect(rotated.kid).toBe('b');
    expect(during.isStale(rotated)).toBe(false);
    const after = cipherWith(`b:${keyB}`);
    expect(after.decrypt(rotated, 'ctx')).toBe('connection-string');
    expect(() => after.decrypt(old, 'ctx')).toThrow(UnknownSecretKeyError);
  });

  it('without keys, fails with a clear error instead of storing clear text', () => {
    const cipher = new SecretCipher(SecretKeyring.empty());
    expect(cipher.configured).toBe(false);
    expect(() => cipher.encrypt('x', 'ctx')).toThrow(SecretsNotConfiguredError);
  });

  it('merges changes: set encrypts, null removes, absent keeps', () => {
    const cipher = cipherWith(`a:${keyA}`);
    const stored = cipher.encryptAll({ keep: 'k', drop: 'd', change: 'old' }, 'destination:1');
    const merged = mergeSecrets(cipher, stored, { drop: null, change: 'new', add: 'a' }, 'destination:1');
    expect(merged['keep']).toBe(stored['keep']);
    expect(cipher.decryptAll(merged, 'destination:1')).toEqual({ keep: 'k', change: 'new', add: 'a' });
  });
});

describe('SecretKeyring.fromSettings', () => {
  it('defaults the active key when exactly one is listed', () => {
    expect(SecretKeyring.fromSettings({ SECRETS_KEYS: `only:${keyA}` }).activeKeyId).toBe('only');
  });

  it.each([
    ['a key of the wrong length', `a:${randomBytes(16).toString('base64')}`, undefined, /32 bytes/],
    ['a duplicated key id', `a:${keyA},a:${keyB}`, 'a', /twice/],
    ['a missing key id', `:${keyA}`, undefined, /entry 1/],
    ['an active id that is not listed', `a:${keyA}`, 'z', /not a key id/],
    ['several keys and no active id', `a:${keyA},b:${keyB}`, undefined, /must name one/],
  ])('rejects %s without printing key material', (_, keys, active, message) => {
    expect(() => SecretKeyring.fromSettings({ SECRETS_KEYS: keys, SECRETS_ACTIVE_KEY_ID: active })).toThrow(message);
    try {
      SecretKeyring.fromSettings({ SECRETS_KEYS: keys, SECRETS_ACTIVE_KEY_ID: active });
    } catch (error) {
      expect((error as Error).message).not.toContain(keyA);
      expect((error as Error).message).not.toContain(keyB);
    }
  });
});
