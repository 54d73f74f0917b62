import { createSasToken, pathCovers, resourcePath, verifySasToken } from './sas-token';

const keys = [{ name: 'RootManageSharedAccessKey', key: 'c2VjcmV0LWtleQ==' }];
const now = Date.UTC(2030, 0, 1);
const inAnHour = now / 1000 + 3600;
const token = (overrides: Partial<Parameters<typeof createSasToken>[0]> = {}): string =>
  createSasToken({ resource: 'sb://127.0.0.1:5672/audiences', keyName: keys[0].name, key: keys[0].key, expiresAtSeconds: inAnHour, ...overrides });

describe('verifySasToken', () => {
  it('accepts a token signed with a configured key and returns the granted path', () => {
    expect(verifySasToken(token(), keys, now)).toEqual({
      valid: true,
      resourcePath: 'audiences',
      expiresAtMs: inAnHour * 1000,
      keyName: 'RootManageSharedAccessKey',
    });
  });

  it('refuses a token signed with another key', () => {
    expect(verifySasToken(token({ key: 'd3Jvbmc=' }), keys, now)).toMatchObject({ valid: false, reason: expect.stringMatching(/^InvalidSignature/) });
  });

  it('refuses an unknown key name like a wrong key', () => {
    expect(verifySasToken(token({ keyName: 'Other' }), keys, now)).toMatchObject({ valid: false, reason: expect.stringMatching(/^InvalidSignature/) });
  });

  it('refuses an expired token', () => {
    expect(verifySasToken(token({ expiresAtSeconds: now / 1000 - 1 }), keys, now)).toMatchObject({
      valid: false,
      reason: expect.stringMatching(/^ExpiredToken/),
    });
  });

  it('refuses a token whose resource was altered after signing', () => {
    const altered = token().replace('audiences', 'other');
    expect(verifySasToken(altered, keys, now)).toMatchObject({ valid: false });
  });

  it.each([undefined, 42, 'Bearer abc', 'SharedAccessSignature sr=x&sig=y'])('refuses the malformed token %j', (value) => {
    expect(verifySasToken(value, keys, now)).toMatchObject({ valid: false, reason: expect.stringMatching(/^MalformedToken/) });
  });

  it('never echoes the token in its reason', () => {
    const wrong = token({ key: 'd3Jvbmc=' });
    const check = verifySasToken(wrong, keys, now);
    expect(check.valid ? '' : check.reason).not.toContain(wrong.split('sig=')[1].split('&')[0]);
  });
});

describe('resource paths', () => {
  it('drops scheme and host and lower-cases', () => {
    expect(resourcePath('sb://localhost:5672/Audiences/Partitions/0/')).toBe('audiences/partitions/0');
    expect(resourcePath('sb://localhost:5672/')).toBe('');
  });

  it('covers the path itself and paths below it', () => {
    expect(pathCovers('audiences', 'audiences')).toBe(true);
    expect(pathCovers('audiences', 'audiences/partitions/1')).toBe(true);
    expect(pathCovers('audiences', 'audiences-2')).toBe(false);
    expect(pathCovers('audiences/partitions/1', 'audiences')).toBe(false);
    expect(pathCovers('', 'audiences')).toBe(true);
  });
});
