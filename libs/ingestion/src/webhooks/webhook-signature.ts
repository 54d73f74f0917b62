import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures: the header named by the source carries the HMAC-SHA256 of the exact
 * request body bytes, keyed with the source's `hmacSecret`, as lower- or upper-case hex,
 * optionally prefixed `sha256=` (the GitHub form). Nothing else is signed.
 */
export function signWebhookBody(body: Buffer, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export function verifyWebhookSignature(body: Buffer, secret: string, header: string | undefined): boolean {
  if (!header) return false;
  const hex = header.trim().replace(/^sha256=/i, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(hex, 'hex'));
}
