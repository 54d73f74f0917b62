const SECRET_KEY = /(secret|password|passwd|token|api[-_]?key|authorization|connection[-_]?string|private[-_]?key|functions?[-_]?key|credential)/i;
export const REDACTED = '[REDACTED]';

/** Deep copy of a JSON value with the values of secret-looking keys replaced. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, SECRET_KEY.test(key) ? REDACTED : redactSecrets(inner)]),
  );
}

/** Redacts a payload kept for people to read; bytes that are not JSON are kept only as a length. */
export function redactPayloadText(bytes: Buffer | null): string | null {
  if (bytes === null) return null;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return JSON.stringify(redactSecrets(JSON.parse(text)));
  } catch {
    return `<${bytes.length} bytes, not JSON>`;
  }
}
