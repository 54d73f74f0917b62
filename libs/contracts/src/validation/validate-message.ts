import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { findReservedKeys } from './is-plain-record';

export interface FieldError {
  /** JSON path of the offending value, e.g. `$.set.email`. */
  path: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Validates a plain object against a message class; never throws on bad input. */
export function validateMessage<T extends object>(type: ClassConstructor<T>, plain: unknown): Validated<T> {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return { ok: false, errors: [{ path: '$', message: 'must be a JSON object' }] };
  }
  const reserved = findReservedKeys(plain, '$');
  if (reserved.length > 0) return { ok: false, errors: reserved };
  const value = plainToInstance(type, plain);
  const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors: flattenErrors(errors, '$') };
}

export function flattenErrors(errors: ValidationError[], parent: string): FieldError[] {
  return errors.flatMap((error) => {
    const path = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flattenErrors(error.children ?? [], path)];
  });
}

/** Parses JSON bytes strictly: invalid UTF-8 is an error, never silently replaced by U+FFFD. */
export function parseJsonBytes(bytes: Buffer): { ok: true; value: unknown } | { ok: false; error: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, error: 'message is not valid UTF-8' };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: `message is not valid JSON: ${(error as Error).message}` };
  }
}
