import { createHash, randomUUID } from 'node:crypto';

/**
 * A UUID (version 8, RFC 9562 "custom") derived from the given parts, so the same logical
 * event always gets the same id and consumers can de-duplicate replays.
 */
export function deterministicEventId(namespace: string, ...parts: Array<string | number>): string {
  const hash = createHash('sha256').update([namespace, ...parts.map(String)].join('\u001f')).digest();
  const bytes = Buffer.from(hash.subarray(0, 16));
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function randomEventId(): string {
  return randomUUID();
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isEventId(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}
