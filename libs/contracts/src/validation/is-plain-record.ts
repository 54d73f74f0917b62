import { registerDecorator, type ValidationOptions } from 'class-validator';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A JSON object (not an array or null) whose keys cannot pollute prototypes. */
export function IsPlainRecord(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPlainRecord',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: ({ property, value }) => plainRecordProblem(property, value) ?? `${property} must be a JSON object`, ...options },
      validator: { validate: (value: unknown) => isPlainRecord(value) },
    });
}

/** Why `value` is not a plain record, naming the reserved key when that is the reason; undefined when it is one. */
export function plainRecordProblem(name: string, value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `${name} must be a JSON object`;
  const reserved = Object.keys(value).find((key) => FORBIDDEN_KEYS.has(key));
  return reserved === undefined ? undefined : `${name} must not hold the reserved key "${reserved}"`;
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return plainRecordProblem('', value) === undefined;
}

/**
 * Keys such as `__proto__` must be refused on the raw JSON, before any transformation:
 * copying them onto an object would change its prototype instead of adding a field.
 */
export function findReservedKeys(value: unknown, path: string): Array<{ path: string; message: string }> {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => findReservedKeys(item, `${path}[${index}]`));
  return Object.keys(value).flatMap((key) =>
    FORBIDDEN_KEYS.has(key)
      ? [{ path: `${path}.${key}`, message: `reserved key "${key}" is not allowed` }]
      : findReservedKeys((value as Record<string, unknown>)[key], `${path}.${key}`),
  );
}
