import type { FieldError } from '@activation/contracts';
import type { DestinationKind } from '../entities/destination.entity';
import { DESTINATION_KIND_SPECS } from './destination-kinds';
import { keyPath } from './json-path';
import { validateShape } from './validate-shape';

export const MAX_SECRET_LENGTH = 8192;

export function validateDestinationSettings(kind: DestinationKind, settings: unknown, path = '$.settings'): FieldError[] {
  return validateShape(DESTINATION_KIND_SPECS[kind].settings, settings, path);
}

export function validateSubscriptionSettings(kind: DestinationKind, settings: unknown, path = '$.settings'): FieldError[] {
  return validateShape(DESTINATION_KIND_SPECS[kind].subscriptionSettings, settings, path);
}

/**
 * Checks secret changes (a value sets, null removes) for a kind, given the names already
 * stored. Messages name secrets, never their values.
 */
export function validateDestinationSecrets(
  kind: DestinationKind,
  changes: unknown,
  storedNames: readonly string[],
  path = '$.secrets',
): FieldError[] {
  const { allowed, required } = DESTINATION_KIND_SPECS[kind].secrets;
  return validateSecretChanges(changes, storedNames, allowed, required, path);
}

export function validateSecretChanges(
  changes: unknown,
  storedNames: readonly string[],
  allowed: readonly string[],
  required: readonly string[],
  path: string,
): FieldError[] {
  if (changes === undefined) changes = {};
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
    return [{ path, message: 'must be an object of secret names to values' }];
  }
  const errors: FieldError[] = [];
  const names = new Set(storedNames);
  for (const [name, value] of Object.entries(changes)) {
    const at = keyPath(path, name);
    if (!allowed.includes(name)) {
      errors.push({ path: at, message: `is not a secret of this kind (${allowed.join(', ') || 'none'})` });
      continue;
    }
    if (value === null) names.delete(name);
    else if (typeof value !== 'string' || value.length === 0 || value.length > MAX_SECRET_LENGTH) {
      errors.push({ path: at, message: `must be a string of 1 to ${MAX_SECRET_LENGTH} characters, or null to remove it` });
    } else names.add(name);
  }
  for (const name of required) {
    if (!names.has(name)) errors.push({ path: keyPath(path, name), message: 'is required' });
  }
  return errors;
}
