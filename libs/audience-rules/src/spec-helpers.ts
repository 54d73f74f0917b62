import { compileRule } from './compile/compile-rule';
import type { EventRecord, Profile } from './rule-types';
import { DAY_MS } from './time/iso-date';

export const NOW = Date.UTC(2024, 5, 15, 12, 0, 0);

export function daysAgo(days: number): number {
  return NOW - days * DAY_MS;
}

export function event(name: string, time: number, properties?: Record<string, unknown>): EventRecord {
  return { name, time, properties };
}

export function profileOf(attributes: Record<string, unknown>, events?: EventRecord[]): Profile {
  return { attributes, events };
}

/** Compiles `rule` (as untyped JSON, the way rules arrive) and evaluates it once at NOW. */
export function evaluateAt(rule: unknown, profile: Profile, now = NOW): boolean {
  return compileRule(rule).evaluate(profile, now);
}
