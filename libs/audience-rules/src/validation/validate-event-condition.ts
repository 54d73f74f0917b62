import { parseIsoDate } from '../time/iso-date';
import { describeType, indexPath, isPlainObject, keyPath } from './json-path';
import { validateDays, validateIsoDate } from './validate-operator-value';
import type { ValidationContext } from './validation-context';

const ALLOWED_KEYS = new Set([
  'event',
  'where',
  'count',
  'withinLastDays',
  'between',
]);
const COUNT_KEYS = ['atLeast', 'atMost', 'exactly'];

export type ValidateWhereRule = (
  rule: unknown,
  path: string,
  depth: number,
) => void;

function validateCount(
  count: unknown,
  path: string,
  context: ValidationContext,
): void {
  if (!isPlainObject(count)) {
    context.add(
      path,
      `must be an object with atLeast, atMost or exactly, got ${describeType(count)}`,
    );
    return;
  }
  const keys = Object.keys(count);
  for (const key of keys) {
    if (!COUNT_KEYS.includes(key)) {
      context.add(keyPath(path, key), `unknown key "${key}" in count`);
    }
  }
  const present = COUNT_KEYS.filter((key) => key in count);
  if (present.length === 0) {
    context.add(path, 'must set atLeast, atMost or exactly');
  }
  for (const key of present) {
    const bound = count[key];
    if (typeof bound !== 'number' || !Number.isInteger(bound) || bound < 0) {
      context.add(
        keyPath(path, key),
        `must be a non-negative integer, got ${JSON.stringify(bound) ?? describeType(bound)}`,
      );
    }
  }
  if ('exactly' in count && present.length > 1) {
    context.add(path, '"exactly" cannot be combined with atLeast or atMost');
  }
  const { atLeast, atMost } = count;
  if (
    typeof atLeast === 'number' &&
    typeof atMost === 'number' &&
    atLeast > atMost
  ) {
    context.add(path, `atLeast ${atLeast} is greater than atMost ${atMost}`);
  }
}

function validateBetween(
  between: unknown,
  path: string,
  context: ValidationContext,
): void {
  if (!isPlainObject(between)) {
    context.add(
      path,
      `must be an object { from, to } of ISO dates, got ${describeType(between)}`,
    );
    return;
  }
  for (const key of Object.keys(between)) {
    if (key !== 'from' && key !== 'to') {
      context.add(keyPath(path, key), `unknown key "${key}" in between`);
    }
  }
  for (const key of ['from', 'to']) {
    if (!(key in between)) {
      context.add(keyPath(path, key), `missing required field "${key}"`);
    } else validateIsoDate(between[key], keyPath(path, key), context);
  }
  const from =
    typeof between['from'] === 'string'
      ? parseIsoDate(between['from'])
      : undefined;
  const to =
    typeof between['to'] === 'string' ? parseIsoDate(between['to']) : undefined;
  if (from !== undefined && to !== undefined && from >= to) {
    context.add(path, '"from" must be before "to"');
  }
}

export function validateEventCondition(
  node: Record<string, unknown>,
  path: string,
  depth: number,
  context: ValidationContext,
  validateWhereRule: ValidateWhereRule,
): void {
  for (const key of Object.keys(node)) {
    if (!ALLOWED_KEYS.has(key)) {
      context.add(
        keyPath(path, key),
        `unknown key "${key}" in event condition`,
      );
    }
  }
  const event = node['event'];
  if (!('event' in node)) {
    context.add(keyPath(path, 'event'), 'missing required field "event"');
  } else if (typeof event !== 'string' || event.length === 0) {
    context.add(
      keyPath(path, 'event'),
      `must be a non-empty event name, got ${JSON.stringify(event) ?? describeType(event)}`,
    );
  }
  if ('where' in node) {
    const where = node['where'];
    const wherePath = keyPath(path, 'where');
    if (!Array.isArray(where)) {
      context.add(
        wherePath,
        `must be an array of conditions on event properties, got ${describeType(where)}`,
      );
    } else {
      where.forEach((rule, index) =>
        validateWhereRule(rule, indexPath(wherePath, index), depth + 1),
      );
    }
  }
  if ('count' in node) {
    validateCount(node['count'], keyPath(path, 'count'), context);
  }
  if ('withinLastDays' in node) {
    validateDays(
      node['withinLastDays'],
      keyPath(path, 'withinLastDays'),
      context,
    );
  }
  if ('between' in node) {
    validateBetween(node['between'], keyPath(path, 'between'), context);
  }
  if ('withinLastDays' in node && 'between' in node) {
    context.add(path, 'use either withinLastDays or between, not both');
  }
}
