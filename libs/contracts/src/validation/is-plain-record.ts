import { registerDecorator, type ValidationOptions } from 'class-validator';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A JSON object (not an array or null) whose keys cannot pollute prototypes. */
export function IsPlainRecord(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPlainRecord',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a JSON object without reserved keys`, ...options },
      validator: { validate: (value: unknown) => isPlainRecord(value) },
    });
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.keys(value).every((key) => !FORBIDDEN_KEYS.has(key));
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
