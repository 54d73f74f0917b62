import type { OutgoingMessage } from './message-bus';

export function encodeValue(value: OutgoingMessage['value']): Buffer | null {
  if (value === null) return null;
  if (Buffer.isBuffer(value)) return value;
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/** Decodes a consumed value as JSON; throws a PermanentMessageError-worthy message on failure. */
export function decodeJson<T = unknown>(value: Buffer | null): T {
  if (value === null) throw new Error('message has no value');
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(value)) as T;
}
