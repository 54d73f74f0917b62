import type { IngestLimits } from '../limits/ingest-limits';
import { childPath, MAX_PROBLEMS_PER_ITEM, problem, type ItemProblem } from './item-problem';

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// eslint-disable-next-line no-control-regex
const NUL = /\u0000/;
/** With the `u` flag a surrogate pair is one code point, so this only matches unpaired halves. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Walks one parsed item and reports what no field of any item may contain: reserved keys
 * (prototype pollution), text that is not well-formed Unicode (a lone surrogate from a `\ud800`
 * escape would become U+FFFD when encoded), NUL characters (Postgres cannot store them in jsonb),
 * non-finite numbers (`1e999` parses to Infinity and would be re-serialized as null), strings and
 * keys over the length limits, nesting over the depth limit, and too many values overall.
 * The walk stops descending at the depth limit, so hostile nesting costs nothing.
 */
export function checkJsonBounds(item: unknown, path: string, limits: IngestLimits, extraDepth: number): ItemProblem[] {
  const state = { problems: [] as ItemProblem[], values: 0, limits, maxLevel: limits.maxDepth + extraDepth };
  walk(item, path, 0, state);
  return state.problems;
}

interface WalkState {
  problems: ItemProblem[];
  values: number;
  limits: IngestLimits;
  maxLevel: number;
}

function walk(value: unknown, path: string, level: number, state: WalkState): void {
  if (state.problems.length >= MAX_PROBLEMS_PER_ITEM) return;
  state.values += 1;
  if (state.values === state.limits.maxValuesPerItem + 1) {
    state.problems.push(problem(path, 'too-many', `an item may hold at most ${state.limits.maxValuesPerItem} values`));
    return;
  }
  if (state.values > state.limits.maxValuesPerItem) return;
  if (typeof value === 'string') return checkText(value, path, state.limits.maxStringLength, 'string', state);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) state.problems.push(problem(path, 'invalid-number', 'number is out of range'));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (level >= state.maxLevel) {
    state.problems.push(problem(path, 'too-deep', `values may nest at most ${state.limits.maxDepth} levels deep`));
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((element, index) => walk(element, `${path}[${index}]`, level + 1, state));
    return;
  }
  for (const key of Object.keys(value)) {
    const at = childPath(path, key);
    if (RESERVED_KEYS.has(key)) {
      state.problems.push(problem(at, 'reserved-key', `the key "${key}" is reserved and not allowed`));
      continue;
    }
    const before = state.problems.length;
    checkText(key, at, state.limits.maxKeyLength, 'key', state);
    if (state.problems.length === before) walk((value as Record<string, unknown>)[key], at, level + 1, state);
  }
}

function checkText(text: string, path: string, maxLength: number, what: 'string' | 'key', state: WalkState): void {
  if (text.length > maxLength) {
    state.problems.push(problem(path, 'too-long', `${what} is ${text.length} characters long; the limit is ${maxLength}`));
  } else if (LONE_SURROGATE.test(text)) {
    state.problems.push(problem(path, 'invalid-text', `${what} holds an unpaired surrogate (not valid Unicode text)`));
  } else if (NUL.test(text)) {
    state.problems.push(problem(path, 'invalid-text', `${what} holds the NUL character U+0000, which cannot be stored`));
  }
}
