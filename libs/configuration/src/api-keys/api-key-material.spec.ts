import { apiKeyPrefix, generateApiKey, hashApiKey, isPlausibleApiKey } from './api-key-material';

describe('API key material', () => {
  it('generates distinct keys whose hash is what is stored', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.raw).not.toBe(b.raw);
    expect(a.raw.startsWith(`${a.prefix}_`)).toBe(true);
    expect(a.hash).toBe(hashApiKey(a.raw));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toContain(a.raw);
  });

  it('shows the generated prefix, or a label for operator-chosen keys', () => {
    const key = generateApiKey();
    expect(apiKeyPrefix(key.raw, 'bootstrap')).toBe(key.prefix);
    expect(apiKeyPrefix('an-operator-chosen-key-that-is-long', 'bootstrap')).toBe('bootstrap');
  });

  it('rejects implausible keys before any lookup', () => {
    expect(isPlausibleApiKey(generateApiKey().raw)).toBe(true);
    expect(isPlausibleApiKey('short')).toBe(false);
    expect(isPlausibleApiKey('x'.repeat(300))).toBe(false);
    expect(isPlausibleApiKey('has spaces in it and is long enough')).toBe(false);
  });
});
