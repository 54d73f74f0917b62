import { ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';

/** An object of at most 100 string values, each at most 1024 characters. */
@ValidatorConstraint({ name: 'stringRecord' })
export class StringRecordConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const entries = Object.entries(value);
    return entries.length <= 100 && entries.every(([key, inner]) => key.length <= 128 && typeof inner === 'string' && inner.length <= 1024);
  }

  defaultMessage(): string {
    return 'must be an object of at most 100 string values';
  }
}
