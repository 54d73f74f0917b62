import type { ClassConstructor } from 'class-transformer';
import { validateMessage, type FieldError } from '@activation/contracts';
import { prefixPath } from './json-path';

/**
 * Validates a nested JSON object against a class-validator class (unknown keys refused) and
 * reports paths under `path`, e.g. `$.settings.url`.
 */
export function validateShape(type: ClassConstructor<object>, value: unknown, path: string): FieldError[] {
  const result = validateMessage(type, value);
  if (result.ok) return [];
  return result.errors.map((error) => ({ path: prefixPath(error.path, path), message: error.message }));
}
