import type { ValueKind } from '../operators';
import { RULE_LIMITS } from '../rule-limits';
import { parseIsoDate } from '../time/iso-date';
import { describeType, indexPath } from './json-path';
import { findRegexProblem } from './regex-safety';
import type { ValidationContext } from './validation-context';

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isScalar(value: unknown): boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    isFiniteNumber(value)
  );
}

function validateScalarList(
  value: unknown,
  path: string,
  context: ValidationContext,
): void {
  if (!Array.isArray(value)) {
    context.add(
      path,
      `must be an array of strings, numbers or booleans, got ${describeType(value)}`,
    );
    return;
  }
  if (value.length === 0) context.add(path, 'must contain at least one value');
  if (value.length > RULE_LIMITS.maxListLength) {
    context.add(
      path,
      `must contain at most ${RULE_LIMITS.maxListLength} values`,
    );
  }
  value.forEach((item, index) => {
    if (!isScalar(item)) {
      context.add(
        indexPath(path, index),
        `must be a string, number or boolean, got ${describeType(item)}`,
      );
    }
  });
}

function validateNumberRange(
  value: unknown,
  path: string,
  context: ValidationContext,
): void {
  if (!Array.isArray(value) || value.length !== 2) {
    context.add(path, 'must be an array of two numbers [min, max]');
    return;
  }
  const [min, max] = value;
  if (!isFiniteNumber(min)) {
    context.add(
      indexPath(path, 0),
      `must be a number, got ${describeType(min)}`,
    );
  }
  if (!isFiniteNumber(max)) {
    context.add(
      indexPath(path, 1),
      `must be a number, got ${describeType(max)}`,
    );
  }
  if (isFiniteNumber(min) && isFiniteNumber(max) && min > max) {
    context.add(path, `min ${min} is greater than max ${max}`);
  }
}

/** Checks a positive number of days, shared by attribute operators and event windows. */
export function validateDays(
  value: unknown,
  path: string,
  context: ValidationContext,
): void {
  if (!isFiniteNumber(value) || value <= 0) {
    context.add(
      path,
      `must be a positive number of days, got ${JSON.stringify(value) ?? describeType(value)}`,
    );
  } else if (value > RULE_LIMITS.maxDays) {
    context.add(path, `must be at most ${RULE_LIMITS.maxDays} days`);
  }
}

/** Checks an absolute ISO 8601 date, shared by attribute operators and event windows. */
export function validateIsoDate(
  value: unknown,
  path: string,
  context: ValidationContext,
): void {
  if (typeof value !== 'string') {
    context.add(
      path,
      `must be an ISO 8601 date string, got ${describeType(value)}`,
    );
  } else if (parseIsoDate(value) === undefined) {
    context.add(
      path,
      `"${value}" is not a valid ISO 8601 date: use YYYY-MM-DD, or a time with its zone (YYYY-MM-DDTHH:mm[:ss[.sss]] then Z or ±HH:MM)`,
    );
  }
}

export function validateOperatorValue(
  kind: ValueKind,
  value: unknown,
  path: string,
  context: ValidationContext,
): void {
  switch (kind) {
    case 'none':
      return;
    case 'scalar':
      if (!isScalar(value)) {
        context.add(
          path,
          `must be a string, number or boolean, got ${describeType(value)}`,
        );
      }
      return;
    case 'needle':
      if (!isScalar(value)) {
        context.add(
          path,
          `must be a string, number or boolean, got ${describeType(value)}`,
        );
      } else if (value === '') context.add(path, 'must not be an empty string');
      return;
    case 'number':
      if (!isFiniteNumber(value)) {
        context.add(path, `must be a number, got ${describeType(value)}`);
      }
      return;
    case 'numberRange':
      return validateNumberRange(value, path, context);
    case 'scalarList':
      return validateScalarList(value, path, context);
    case 'text':
      if (typeof value !== 'string') {
        context.add(path, `must be a string, got ${describeType(value)}`);
      } else if (value === '') context.add(path, 'must not be an empty string');
      return;
    case 'pattern': {
      if (typeof value !== 'string') {
        context.add(
          path,
          `must be a regular expression string, got ${describeType(value)}`,
        );
        return;
      }
      const problem = findRegexProblem(value);
      if (problem !== undefined) context.add(path, problem);
      return;
    }
    case 'isoDate':
      return validateIsoDate(value, path, context);
    case 'days':
      return validateDays(value, path, context);
  }
}
