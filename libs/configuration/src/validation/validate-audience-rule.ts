import { validateRule } from '@activation/audience-rules';
import type { FieldError } from '@activation/contracts';
import { prefixPath } from './json-path';

/** Every problem of an audience rule, with paths under `path` (`$.rule.all[1].operator`). */
export function validateAudienceRule(rule: unknown, path = '$.rule'): FieldError[] {
  const result = validateRule(rule);
  return result.valid ? [] : result.errors.map((error) => ({ path: prefixPath(error.path, path), message: error.message }));
}
