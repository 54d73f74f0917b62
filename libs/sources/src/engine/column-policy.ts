import { createHash } from 'node:crypto';
import type { SourceMapping } from '../model/pull-source';

export function sha256Hex(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function listed(names: string[] | undefined, entity: string, column: string): boolean {
  return (names ?? []).some((name) => name === column || name === `${entity}.${column}`);
}

export function isEntityBlocked(mapping: SourceMapping, entity: string): boolean {
  return (mapping.blockedEntities ?? []).includes(entity);
}

/**
 * Drops blocked columns and replaces hashed ones by their SHA-256, so neither leaves the
 * connector in clear; keys and profile ids are read from the result (a hashed key stays stable).
 */
export function applyColumnPolicy(mapping: SourceMapping, entity: string, record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(record)) {
    if (listed(mapping.blockedColumns, entity, column)) continue;
    out[column] = listed(mapping.hashedColumns, entity, column) && value !== null && value !== undefined ? sha256Hex(value) : value;
  }
  return out;
}
