import type { OutgoingMessage } from '@activation/kafka';

/**
 * Splits messages, in order, into chunks whose values stay under `maxBytes`, so one produce
 * request never exceeds the broker's record-batch limit even when every message lands on one
 * partition. A message larger than `maxBytes` travels alone.
 */
export function chunkByBytes(messages: OutgoingMessage[], maxBytes: number): OutgoingMessage[][] {
  const chunks: OutgoingMessage[][] = [];
  let current: OutgoingMessage[] = [];
  let size = 0;
  for (const message of messages) {
    const bytes = Buffer.isBuffer(message.value) ? message.value.length : Buffer.byteLength(JSON.stringify(message.value));
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(message);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
