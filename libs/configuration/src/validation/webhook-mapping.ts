import type { FieldError } from '@activation/contracts';
import { keyPath } from './json-path';

/** `$.a.b[0].c`: object keys and array indexes from the root of a JSON body. */
export const WEBHOOK_PATH = /^\$(?:\.[A-Za-z_][A-Za-z0-9_-]{0,127}|\[\d{1,6}\])+$/;
const ATTRIBUTE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;
const MAPPING_KEYS = ['profileId', 'attributes', 'identifiers'];

export function validateWebhookMapping(mapping: unknown, path = '$.mapping'): FieldError[] {
  if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) {
    return [{ path, message: 'must be an object with profileId, attributes and identifiers' }];
  }
  const record = mapping as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(record)) {
    if (!MAPPING_KEYS.includes(key)) errors.push({ path: keyPath(path, key), message: 'is not a mapping property' });
  }
  checkPath(record['profileId'], `${path}.profileId`, errors);
  checkPathRecord(record['attributes'] ?? {}, `${path}.attributes`, ATTRIBUTE_NAME, 'an attribute name', errors);
  checkPathRecord(record['identifiers'] ?? {}, `${path}.identifiers`, /^[1-9]\d{0,8}$/, 'a partner number', errors);
  return errors;
}

/** Reads a mapped path from a parsed JSON body; undefined when any step is missing. */
export function readMappedPath(body: unknown, path: string): unknown {
  let current = body;
  for (const [, key, index] of path.slice(1).matchAll(/\.([^.[]+)|\[(\d+)\]/g)) {
    if (current === null || typeof current !== 'object') return undefined;
    if (index !== undefined) {
      if (!Array.isArray(current)) return undefined;
      current = current[Number(index)];
    } else {
      if (Array.isArray(current) || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
  }
  return current;
}

function checkPath(value: unknown, at: string, errors: FieldError[]): void {
  if (typeof value !== 'string' || !WEBHOOK_PATH.test(value)) {
    errors.push({ path: at, message: 'must be a JSON path like $.user.id or $.items[0].sku' });
  }
}

function checkPathRecord(value: unknown, at: string, keyPattern: RegExp, what: string, errors: FieldError[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.push({ path: at, message: `must be an object mapping ${what} to a JSON path` });
    return;
  }
  const entries = Object.entries(value);
  if (entries.length > 200) errors.push({ path: at, message: 'must map at most 200 names' });
  for (const [key, inner] of entries) {
    if (!keyPattern.test(key)) errors.push({ path: keyPath(at, key), message: `must be ${what}` });
    else checkPath(inner, keyPath(at, key), errors);
  }
}
