import { isDeepStrictEqual } from 'node:util';
import { redactSecrets } from '@activation/persistence';

function redactField(key: string, value: unknown): unknown {
  return (redactSecrets({ [key]: value }) as Record<string, unknown>)[key];
}

/** View fields that list secret names (never values); kept although their name looks secret. */
const NAMES_ONLY = new Set(['secretNames']);

/**
 * The audit record of a change: the fields that differ, before and after, with anything
 * secret-looking redacted. Secret values never reach here; `secretsChanged` names the secrets
 * that were set or removed.
 */
export function auditChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  secretsChanged: string[] = [],
): Record<string, unknown> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changed = [...keys].filter((key) => key !== 'updatedAt' && !isDeepStrictEqual(before?.[key], after?.[key]));
  const pick = (view: Record<string, unknown> | null) =>
    view === null
      ? null
      : Object.fromEntries(
          changed.filter((key) => key in view).map((key) => [key, NAMES_ONLY.has(key) ? view[key] : redactField(key, view[key])]),
        );
  return {
    before: pick(before),
    after: pick(after),
    ...(secretsChanged.length > 0 ? { secretsChanged } : {}),
  };
}
