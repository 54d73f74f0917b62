import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of every function call (names are lower case, as Node delivers them). */
export const SIGNATURE_HEADERS = {
  functionKey: 'x-functions-key',
  timestamp: 'x-activation-timestamp',
  signature: 'x-activation-signature',
  callId: 'x-activation-call-id',
} as const;

export const SIGNATURE_SCHEME = 'v1';

/**
 * `v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`; the timestamp is Unix seconds and
 * is sent in `x-activation-timestamp`. Signing the timestamp with the body lets a receiver
 * refuse old (replayed) requests without trusting an unsigned header.
 */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `${SIGNATURE_SCHEME}=${digest}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export interface VerifyOptions {
  /** Requests older or newer than this (seconds) are refused; default 300. */
  toleranceSeconds?: number;
  nowSeconds?: number;
}

/**
 * What a receiver does with a call: recompute the signature over the raw body bytes as
 * received, compare in constant time, and refuse a timestamp outside the tolerance. To refuse
 * a replay within the tolerance too, remember `x-activation-call-id` values for that long.
 */
export function verifyFunctionSignature(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  options: VerifyOptions = {},
): SignatureCheck {
  const timestampText = single(headers[SIGNATURE_HEADERS.timestamp]);
  const signature = single(headers[SIGNATURE_HEADERS.signature]);
  if (!timestampText || !/^\d{1,12}$/.test(timestampText)) return { ok: false, reason: 'missing or malformed timestamp' };
  if (!signature) return { ok: false, reason: 'missing signature' };
  const timestamp = Number(timestampText);
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return { ok: false, reason: 'timestamp outside the tolerance' };
  const expected = Buffer.from(signatureOf(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature does not match' };
  return { ok: true };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
