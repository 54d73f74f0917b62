import { extractApiKey } from './extract-api-key';

describe('extractApiKey', () => {
  it('reads x-api-key first, then a bearer token', () => {
    expect(extractApiKey({ 'x-api-key': 'k1', authorization: 'Bearer k2' })).toBe('k1');
    expect(extractApiKey({ authorization: 'Bearer k2' })).toBe('k2');
    expect(extractApiKey({ authorization: 'bearer   k3 ' })).toBe('k3');
  });

  it('ignores other schemes and empty values', () => {
    expect(extractApiKey({ authorization: 'Basic dXNlcjpwYXNz' })).toBeUndefined();
    expect(extractApiKey({ 'x-api-key': '  ' })).toBeUndefined();
    expect(extractApiKey({})).toBeUndefined();
  });
});
