import { generateKey } from 'openpgp';
import { validatePgpPublicKeySecret } from './pgp-public-key';

describe('validatePgpPublicKeySecret', () => {
  let publicKey: string;
  let privateKey: string;
  beforeAll(async () => {
    ({ publicKey, privateKey } = await generateKey({ type: 'curve25519', userIDs: [{ name: 'spec' }], format: 'armored' }));
  });

  it('accepts a public key, and changes that set no key', async () => {
    expect(await validatePgpPublicKeySecret('event-export', { connectionString: 'x', pgpPublicKey: publicKey })).toEqual([]);
    expect(await validatePgpPublicKeySecret('event-export', { pgpPublicKey: null })).toEqual([]);
    expect(await validatePgpPublicKeySecret('event-export', undefined)).toEqual([]);
  });

  it('refuses text that is no key and a private key, by path and without echoing the value', async () => {
    const garbage = '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nbm90IGEga2V5\n-----END PGP PUBLIC KEY BLOCK-----';
    for (const value of [garbage, privateKey]) {
      const errors = await validatePgpPublicKeySecret('event-export', { pgpPublicKey: value });
      expect(errors).toEqual([{ path: '$.secrets.pgpPublicKey', message: expect.stringMatching(/^must be an armored OpenPGP public key that can encrypt: /) }]);
      expect(errors[0].message).not.toContain('bm90IGEga2V5');
    }
    expect((await validatePgpPublicKeySecret('event-export', { pgpPublicKey: privateKey }))[0].message).toMatch(/private key/);
  });

  it('leaves kinds without the secret to the shape validation', async () => {
    expect(await validatePgpPublicKeySecret('function', { pgpPublicKey: 'not a key' })).toEqual([]);
  });
});
