import { createHash, randomBytes } from 'node:crypto';

export interface NewApiKey {
  /** Shown once to whoever created it; never stored. */
  raw: string;
  /** Stored and shown, so people can tell keys apart. */
  prefix: string;
  /** SHA-256 of the raw key: what is stored and looked up. */
  hash: string;
}

const GENERATED_KEY = /^ak_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;
export const MIN_API_KEY_LENGTH = 24;
export const MAX_API_KEY_LENGTH = 256;

/**
 * A new key: `ak_<8 hex prefix>_<32 random bytes, base64url>`. 256 bits of entropy make a
 * plain SHA-256 (no slow hash) safe to store: there is nothing to guess.
 */
export function generateApiKey(): NewApiKey {
  const prefix = `ak_${randomBytes(4).toString('hex')}`;
  const raw = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { raw, prefix, hash: hashApiKey(raw) };
}

export function hashApiKey(raw: string): string {
  return createHash('sha256').update(raw, 'utf8').digest('hex');
}

/** The displayed prefix of a key: the generated one, or a fixed label for keys set by an operator. */
export function apiKeyPrefix(raw: string, fallback: string): string {
  return GENERATED_KEY.test(raw) ? raw.slice(0, 11) : fallback;
}

/** Cheap shape check before any lookup, so garbage never reaches the database. */
export function isPlausibleApiKey(raw: string): boolean {
  return raw.length >= MIN_API_KEY_LENGTH && raw.length <= MAX_API_KEY_LENGTH && /^[\x21-\x7e]+$/.test(raw);
}
