import { createHmac } from 'node:crypto';
import { SIGNATURE_HEADERS, signatureOf, verifyFunctionSignature } from './request-signature';

describe('request signature', () => {
  const body = '{"operation":"add"}';
  const now = 1_760_000_000;
  const headers = (timestamp: number, secret = 's3cret') => ({
    [SIGNATURE_HEADERS.timestamp]: String(timestamp),
    [SIGNATURE_HEADERS.signature]: signatureOf(secret, timestamp, body),
  });

  it('is the documented HMAC-SHA256 of "<timestamp>.<body>"', () => {
    const expected = createHmac('sha256', 's3cret').update(`${now}.${body}`).digest('hex');
    expect(signatureOf('s3cret', now, body)).toBe(`v1=${expected}`);
  });

  it('verifies a fresh request', () => {
    expect(verifyFunctionSignature('s3cret', headers(now), body, { nowSeconds: now + 10 })).toEqual({ ok: true });
  });

  it('refuses another secret, another body, and an old timestamp', () => {
    expect(verifyFunctionSignature('other', headers(now), body, { nowSeconds: now }).ok).toBe(false);
    expect(verifyFunctionSignature('s3cret', headers(now), `${body} `, { nowSeconds: now }).ok).toBe(false);
    expect(verifyFunctionSignature('s3cret', headers(now), body, { nowSeconds: now + 301 })).toEqual({ ok: false, reason: 'timestamp outside the tolerance' });
    expect(verifyFunctionSignature('s3cret', {}, body).ok).toBe(false);
  });
});
