import { ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';

/** The platform's own profile id is partner number 42 (seed 002): never a destination's partner. */
export const PLATFORM_PARTNER_NUMBER = 42;

/** Why a value is not a partner number, in one sentence, or undefined when it is one. */
export function partnerNumberProblem(value: unknown): string | undefined {
  if (value === undefined || value === null) return 'partnerNumber is required';
  if (!Number.isSafeInteger(value) || (value as number) < 1) return 'partnerNumber must be a positive integer';
  if (value === PLATFORM_PARTNER_NUMBER) return 'partnerNumber 42 is reserved for the platform\'s own profile id';
  return undefined;
}

@ValidatorConstraint({ name: 'partnerNumber' })
export class PartnerNumberConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return partnerNumberProblem(value) === undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    return partnerNumberProblem(args.value) ?? 'partnerNumber must be a positive integer';
  }
}
