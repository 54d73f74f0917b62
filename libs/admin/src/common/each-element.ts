import { registerDecorator } from 'class-validator';

/** The constraint name `@EachElement` reports under; the validation pipe looks for it. */
export const EACH_ELEMENT = 'eachElement';

export interface ElementCheck {
  isValid(element: unknown): boolean;
  message: string;
}

export const POSITIVE_INTEGER: ElementCheck = {
  isValid: (element) => Number.isSafeInteger(element) && (element as number) >= 1,
  message: 'must be a positive integer',
};

/**
 * Every element of an array must pass `check`. Unlike class-validator's `{ each: true }`, whose
 * errors name only the array, the validation pipe reports each failing element at its own path
 * (`$.ids[1]`). A value that is not an array is left to `@IsArray()`.
 */
export function EachElement(check: ElementCheck): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: EACH_ELEMENT,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: check.message, context: check },
      validator: { validate: (value: unknown) => !Array.isArray(value) || value.every((element) => check.isValid(element)) },
    });
}
