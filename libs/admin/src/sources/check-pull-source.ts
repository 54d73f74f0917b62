import type { FieldError } from '@activation/contracts';
import { validatePullSourceSecrets, validatePullSourceSettings, validateSourceMapping, type PullSourceKind } from '@activation/sources';

const SECRET_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/**
 * Settings of the kind, the mapping, secret names (values are strings, null removes) and the
 * secrets the kind needs (`creating`: nothing is stored yet, so a required secret must be sent).
 */
export function checkPullSource(
  kind: PullSourceKind,
  settings: unknown,
  mapping: unknown,
  secrets: Record<string, unknown> | undefined,
  creating: boolean,
): FieldError[] {
  const errors = [...validatePullSourceSettings(kind, settings), ...validateSourceMapping(mapping)];
  for (const [name, value] of Object.entries(secrets ?? {})) {
    if (!SECRET_NAME.test(name)) errors.push({ path: `$.secrets.${name}`, message: 'secret names are letters, digits, _ . - (up to 64)' });
    else if (value !== null && (typeof value !== 'string' || value.length > 8_192)) {
      errors.push({ path: `$.secrets.${name}`, message: 'must be a string of at most 8192 characters, or null' });
    }
  }
  if (errors.every((error) => error.path !== '$.secrets.connectionString')) errors.push(...validatePullSourceSecrets(kind, settings, secrets, creating));
  return errors;
}
