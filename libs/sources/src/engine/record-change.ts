import type { EntityMapping } from '../model/pull-source';
import { sha256Hex } from './column-policy';

/** Stable JSON (keys sorted) so a record's hash does not depend on the order of its columns. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

export function contentHash(record: Record<string, unknown>): string {
  return sha256Hex(stableJson(record));
}

/** The record's key: its primary-key values, or (appended records) its content hash. */
export function recordKeyOf(record: Record<string, unknown>, primaryKey: string[] | undefined): string | { missing: string } {
  if (!primaryKey || primaryKey.length === 0) return `hash:${contentHash(record)}`;
  const values: unknown[] = [];
  for (const column of primaryKey) {
    const value = record[column];
    if (value === undefined || value === null) return { missing: column };
    values.push(value);
  }
  return stableJson(values);
}

function scalarText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.length > 0 ? value : undefined;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  return undefined;
}

export function profileIdOf(mapping: EntityMapping, record: Record<string, unknown>): string | undefined {
  return scalarText(record[mapping.profileId]);
}

/** Attribute sets of one record: null values unset their attribute. */
export function attributesOf(mapping: EntityMapping, record: Record<string, unknown>): { set: Record<string, unknown>; unset: string[] } {
  const idColumns = new Set([mapping.profileId, ...Object.values(mapping.identifiers ?? {})]);
  const pairs: Array<[string, string]> = mapping.attributes
    ? Object.entries(mapping.attributes)
    : Object.keys(record).filter((column) => !idColumns.has(column)).map((column) => [column, column]);
  const set: Record<string, unknown> = {};
  const unset: string[] = [];
  for (const [attribute, column] of pairs) {
    if (!(column in record)) continue;
    const value = record[column];
    if (value === null || value === undefined) unset.push(attribute);
    else set[attribute] = value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? value.toString() : value;
  }
  return { set, unset };
}

export function identifiersOf(mapping: EntityMapping, record: Record<string, unknown>): Record<string, string[]> | undefined {
  const entries = Object.entries(mapping.identifiers ?? {})
    .map(([partner, column]) => [partner, scalarText(record[column])] as const)
    .filter((entry): entry is readonly [string, string] => entry[1] !== undefined);
  return entries.length === 0 ? undefined : Object.fromEntries(entries.map(([partner, id]) => [partner, [id]]));
}
