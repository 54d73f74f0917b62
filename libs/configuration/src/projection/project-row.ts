import { createHash } from 'node:crypto';
import type { SubscriptionProjection } from './subscription-projection';

/**
 * Applies a subscription's projection to one profile's projected values. Every emitter calls
 * this, so a destination sees the same fields whichever way it is reached.
 *
 * - Only `fields` are kept, in their order; a field without a value is present as `null`
 *   (destinations get the same columns on every row).
 * - A hashed field becomes the lower-case hex SHA-256 of its UTF-8 text: strings as they are,
 *   numbers and booleans as `String(value)`, objects and arrays as their JSON. `null` stays
 *   `null` (a hash of "nothing" would match across profiles).
 * - `rename` changes the output name, after hashing.
 */
export function projectRow(values: Readonly<Record<string, unknown>>, projection: SubscriptionProjection): Record<string, unknown> {
  const hashed = new Set(projection.hash ?? []);
  const row: Record<string, unknown> = {};
  for (const field of projection.fields) {
    const value = Object.prototype.hasOwnProperty.call(values, field) ? values[field] : undefined;
    const name = projection.rename?.[field] ?? field;
    row[name] = hashed.has(field) ? hashValue(value) : (value ?? null);
  }
  return row;
}

export function hashValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
