import { compileRule } from './compile/compile-rule';
import type { EventRecord, Profile } from './rule-types';
import { DAY_MS } from './time/iso-date';
import { validateRule } from './validation/validate-rule';

export const NOW = Date.UTC(2024, 5, 15, 12, 0, 0);

export function daysAgo(days: number): number {
  return NOW - days * DAY_MS;
}

export function event(
  name: string,
  time: number,
  properties?: Record<string, unknown>,
): EventRecord {
  return { name, time, properties };
}

export function profileOf(
  attributes: Record<string, unknown>,
  events?: EventRecord[],
): Profile {
  return { attributes, events };
}

/** Compiles `rule` (as untyped JSON, the way rules arrive) and evaluates it once at NOW. */
export function evaluateAt(
  rule: unknown,
  profile: Profile,
  now = NOW,
): boolean {
  return compileRule(rule).evaluate(profile, now);
}

export type ExpectedError = [path: string, message: RegExp];

/** Asserts validateRule reports exactly these paths, in order, with matching messages. */
export function expectValidationErrors(
  rule: unknown,
  expected: ExpectedError[],
): void {
  const result = validateRule(rule);
  expect(result.valid).toBe(false);
  expect(result.errors.map((error) => error.path)).toEqual(
    expected.map(([path]) => path),
  );
  result.errors.forEach((error, index) =>
    expect(error.message).toMatch(expected[index][1]),
  );
}
