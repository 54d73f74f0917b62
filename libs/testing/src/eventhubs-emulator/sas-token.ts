import { createHmac, timingSafeEqual } from 'node:crypto';
import type { EmulatedKey } from './emulator-options';

export interface SasTokenInput {
  /** The resource URI the token grants, e.g. `sb://127.0.0.1:5672/audiences`. */
  resource: string;
  keyName: string;
  key: string;
  /** Expiry, epoch seconds. */
  expiresAtSeconds: number;
}

/** Builds a token exactly as the SDK's SAS token provider does (useful to hand a client an expired one). */
export function createSasToken({ resource, keyName, key, expiresAtSeconds }: SasTokenInput): string {
  const encodedResource = encodeURIComponent(resource);
  const signature = sign(key, `${encodedResource}\n${expiresAtSeconds}`);
  return `SharedAccessSignature sr=${encodedResource}&sig=${encodeURIComponent(signature)}&se=${expiresAtSeconds}&skn=${encodeURIComponent(keyName)}`;
}

export type TokenCheck =
  | { valid: true; resourcePath: string; expiresAtMs: number; keyName: string }
  | { valid: false; reason: string };

const malformed = (detail: string): TokenCheck => ({ valid: false, reason: `MalformedToken: ${detail}` });
const INVALID_SIGNATURE: TokenCheck = { valid: false, reason: 'InvalidSignature: The token has an invalid signature.' };

/**
 * Checks a `SharedAccessSignature sr=..&sig=..&se=..&skn=..` token: known key name, HMAC-SHA256 of
 * `<encoded resource>\n<expiry>` with that key, expiry in the future. Reasons read like Azure's
 * (`InvalidSignature: ...`, `ExpiredToken: ...`) and never echo the token.
 */
export function verifySasToken(token: unknown, keys: EmulatedKey[], nowMs: number): TokenCheck {
  if (typeof token !== 'string') return malformed('the token is not a string.');
  const prefix = 'SharedAccessSignature ';
  if (!token.startsWith(prefix)) return malformed('not a SharedAccessSignature token.');
  const fields = new Map<string, string>();
  for (const pair of token.slice(prefix.length).split('&')) {
    const at = pair.indexOf('=');
    if (at > 0) fields.set(pair.slice(0, at), pair.slice(at + 1));
  }
  const encodedResource = fields.get('sr');
  const signature = fields.get('sig');
  const expiry = fields.get('se');
  const encodedKeyName = fields.get('skn');
  if (!encodedResource || !signature || !expiry || !encodedKeyName) return malformed('the token lacks one of sr, sig, se, skn.');
  if (!/^\d{1,12}$/.test(expiry)) return malformed('the token expiry is not a number.');
  // An unknown key name gets the same answer as a wrong key, as in Azure.
  const key = keys.find((candidate) => candidate.name === safeDecode(encodedKeyName));
  if (!key) return INVALID_SIGNATURE;
  const expected = Buffer.from(sign(key.key, `${encodedResource}\n${expiry}`));
  const given = Buffer.from(safeDecode(signature) ?? '');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return INVALID_SIGNATURE;
  const expiresAtMs = Number(expiry) * 1000;
  if (expiresAtMs <= nowMs) {
    return { valid: false, reason: `ExpiredToken: The token is expired. Expiration time: '${new Date(expiresAtMs).toISOString()}'.` };
  }
  const resource = safeDecode(encodedResource);
  if (resource === undefined) return malformed('the token resource is not URI-encoded.');
  return { valid: true, resourcePath: resourcePath(resource), expiresAtMs, keyName: key.name };
}

/**
 * The entity path of a resource or audience URI, lower-cased without scheme, host or slashes at the ends:
 * `sb://host:5672/Hub/Partitions/0` -> `hub/partitions/0`. Hosts are not compared: tests reach the
 * emulator as 127.0.0.1 or localhost alike.
 */
export function resourcePath(uri: string): string {
  const withoutScheme = uri.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  return withoutScheme.replace(/^\/+|\/+$/g, '').toLowerCase();
}

/** Whether a token for `grantedPath` covers `entityPath`: the same path or one below it ('' is the namespace). */
export function pathCovers(grantedPath: string, entityPath: string): boolean {
  return grantedPath === '' || entityPath === grantedPath || entityPath.startsWith(`${grantedPath}/`);
}

function sign(key: string, text: string): string {
  return createHmac('sha256', Buffer.from(key, 'utf8')).update(text, 'utf8').digest('base64');
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
