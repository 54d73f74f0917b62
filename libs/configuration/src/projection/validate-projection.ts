import type { FieldError } from '@activation/contracts';
import { keyPath } from '../validation/json-path';
import type { SubscriptionProjection } from './subscription-projection';

const PROJECTION_KEYS = ['fields', 'rename', 'hash'];
const OUTPUT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;

/**
 * Checks a subscription projection against the projected variables of its audience: every
 * field, renamed field and hashed field must be one the audience projects. Returns one error
 * per problem with its JSON path (under `path`), so a caller can report them all at once.
 */
export function validateProjection(projection: unknown, projectedVariables: readonly string[], path = '$.projection'): FieldError[] {
  if (!isRecord(projection)) return [{ path, message: 'must be an object with "fields", "rename" and "hash"' }];
  const errors: FieldError[] = [];
  for (const key of Object.keys(projection)) {
    if (!PROJECTION_KEYS.includes(key)) errors.push({ path: keyPath(path, key), message: 'is not a projection property' });
  }
  const allowed = new Set(projectedVariables);
  const fields = checkNameList(projection['fields'], `${path}.fields`, errors, true);
  fields.forEach((field, index) => {
    if (!allowed.has(field)) {
      errors.push({ path: `${path}.fields[${index}]`, message: `"${field}" is not a projected variable of the audience (${describe(projectedVariables)})` });
    }
  });
  const chosen = new Set(fields);
  const rename = projection['rename'] ?? {};
  const outputs = new Map(fields.map((field) => [field, field]));
  if (!isRecord(rename)) {
    errors.push({ path: `${path}.rename`, message: 'must be an object mapping field names to output names' });
  } else {
    for (const [field, target] of Object.entries(rename)) {
      const at = keyPath(`${path}.rename`, field);
      if (!chosen.has(field)) errors.push({ path: at, message: `"${field}" is not one of the projection's fields` });
      if (typeof target !== 'string' || !OUTPUT_NAME.test(target)) {
        errors.push({ path: at, message: 'must be a name of 1 to 128 letters, digits, _ . - starting with a letter or _' });
      } else if (chosen.has(field)) {
        outputs.set(field, target);
      }
    }
  }
  const seen = new Map<string, string>();
  for (const [field, output] of outputs) {
    const other = seen.get(output);
    if (other !== undefined) errors.push({ path: `${path}.rename`, message: `"${other}" and "${field}" would both be sent as "${output}"` });
    seen.set(output, field);
  }
  const hash = checkNameList(projection['hash'] ?? [], `${path}.hash`, errors, false);
  hash.forEach((field, index) => {
    if (!chosen.has(field)) errors.push({ path: `${path}.hash[${index}]`, message: `"${field}" is not one of the projection's fields` });
  });
  return errors;
}

/** Narrows a validated projection, filling the optional parts. */
export function normalizeProjection(projection: SubscriptionProjection): Required<SubscriptionProjection> {
  return { fields: [...projection.fields], rename: { ...(projection.rename ?? {}) }, hash: [...(projection.hash ?? [])] };
}

function checkNameList(value: unknown, path: string, errors: FieldError[], required: boolean): string[] {
  if (value === undefined && !required) return [];
  if (!Array.isArray(value)) {
    errors.push({ path, message: 'must be an array of variable names' });
    return [];
  }
  const names: string[] = [];
  value.forEach((item, index) => {
    if (typeof item !== 'string' || item.length === 0) errors.push({ path: `${path}[${index}]`, message: 'must be a non-empty string' });
    else if (names.includes(item)) errors.push({ path: `${path}[${index}]`, message: `"${item}" is listed twice` });
    else names.push(item);
  });
  return names;
}

function describe(variables: readonly string[]): string {
  return variables.length === 0 ? 'it projects none' : `allowed: ${variables.join(', ')}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
