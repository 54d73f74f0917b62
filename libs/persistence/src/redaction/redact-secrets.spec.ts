import { REDACTED, redactPayloadText, redactSecrets } from './redact-secrets';

describe('redactSecrets', () => {
  it('replaces secret-looking values at any depth', () => {
    const redacted = redactSecrets({
      name: 'crm',
      settings: { functionKey: 'abc', nested: [{ password: 'p', ok: 1 }], connectionString: 'Endpoint=sb://x' },
      Authorization: 'Bearer t',
    });
    expect(redacted).toEqual({
      name: 'crm',
      settings: { functionKey: REDACTED, nested: [{ password: REDACTED, ok: 1 }], connectionString: REDACTED },
      Authorization: REDACTED,
    });
  });

  it('keeps non-JSON payloads out of the readable copy', () => {
    expect(redactPayloadText(Buffer.from([0xff, 0xfe]))).toBe('<2 bytes, not JSON>');
    expect(redactPayloadText(Buffer.from('{"apiKey":"k","a":1}'))).toBe('{"apiKey":"[REDACTED]","a":1}');
  });
});
