import type { FieldError } from '@activation/contracts';
import { validatePullSourceSettings, validateSourceMapping, type PullSourceKind } from '@activation/sources';

const SECRET_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** Settings of the kind, the mapping, and secret names (values are strings, null removes). */
export function checkPullSource(kind: PullSourceKind, settings: unknown, mapping: unknown, secrets: Record<string, unknown> | undefined): FieldError[] {
  const errors = [...validatePullSourceSettings(kind, settings), ...validateSourceMapping(mapping)];
  for (const [name, value] of Object.entries(secrets ?? {})) {
    if (!SECRET_NAME.test(name)) errors.push({ path: `$.secrets.${name}`, message: 'secret names are letters, digits, _ . - (up to 64)' });
    else if (value !== null && (typeof value !== 'string' || value.length > 8_192)) {
      errors.push({ path: `$.secrets.${name}`, message: 'must be a string of at most 8192 characters, or null' });
    }
  }
  return errors;
}
