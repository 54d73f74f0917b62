import { registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * Optional, but when present it must be valid: unlike `@IsOptional`, `null` is not "absent"
 * (a sender writing `"set": null` made a mistake worth telling).
 */
export const IsAbsentOr = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** The largest instant a JavaScript Date holds. */
const MAX_EPOCH_MS = 8.64e15;

/** Epoch milliseconds from an integer or an ISO 8601 instant with a zone; undefined when neither. */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 && value <= MAX_EPOCH_MS ? value : undefined;
  if (typeof value !== 'string' || value.length > 40 || !ISO_INSTANT.test(value)) return undefined;
  const parsed = Date.parse(value);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
}

export function IsTimestamp(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isTimestamp',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `${String(propertyName)} must be epoch milliseconds (integer) or an ISO 8601 instant with a zone, e.g. 2025-01-31T12:00:00Z`,
        ...options,
      },
      validator: { validate: (value: unknown) => parseTimestamp(value) !== undefined },
    });
}

const PARTNER_NUMBER = /^[1-9]\d{0,8}$/;

/** `{ "<partner number>": ["id", ...] }` with non-empty ids of at most 256 characters (counts are a limit, checked apart). */
export function isIdentifierMap(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(value).every(
    ([partner, ids]) =>
      PARTNER_NUMBER.test(partner) &&
      Array.isArray(ids) &&
      ids.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 256),
  );
}

export function IsIdentifierMap(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isIdentifierMap',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `${String(propertyName)} must map partner numbers ("1" to "999999999") to arrays of ids of 1 to 256 characters`,
        ...options,
      },
      validator: { validate: (value: unknown) => isIdentifierMap(value) },
    });
}
