import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * Why `value` is not a string of `min` to `max` characters, in words a sender can act on, or
 * undefined when it is one. A missing field is "required", not "must be a string".
 */
export function textProblem(name: string, value: unknown, min: number, max: number): string | undefined {
  if (value === undefined) return `${name} is required`;
  if (typeof value !== 'string') return `${name} must be a string`;
  if (value.length === 0 && min > 0) return `${name} must not be empty`;
  if (value.length < min) return `${name} must be at least ${min} characters long`;
  if (value.length > max) return `${name} must be at most ${max} characters long (it has ${value.length})`;
  return undefined;
}

/** A string of `min` to `max` characters, checked as one rule so each field gets one plain message. */
export function IsText(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isText',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [min, max],
      options: {
        message: ({ property, value }) => textProblem(property, value, min, max) ?? `${property} must be a string of ${min} to ${max} characters`,
        ...options,
      },
      validator: { validate: (value: unknown) => textProblem('', value, min, max) === undefined },
    });
}
