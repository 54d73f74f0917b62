/**
 * Why an input was refused. `code` is a small fixed vocabulary (metrics label, machine use);
 * `reason` is the sentence a person reads; `path` is the JSON path of the offending value.
 */
export interface ItemProblem {
  path: string;
  code: ProblemCode;
  reason: string;
}

export const PROBLEM_CODES = [
  'invalid-utf8',
  'invalid-json',
  'invalid-envelope',
  'invalid-field',
  'unknown-field',
  'reserved-key',
  'invalid-text',
  'invalid-number',
  'too-deep',
  'too-long',
  'too-many',
  'mapping-failed',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Most problems reported for one item: enough to fix it, bounded so a huge bad item stays cheap. */
export const MAX_PROBLEMS_PER_ITEM = 10;

export function problem(path: string, code: ProblemCode, reason: string): ItemProblem {
  return { path, code, reason };
}

/** `$.a.b` for identifier-like keys, `$.a["odd key"]` otherwise, so paths can be pasted back. */
export function childPath(parent: string, key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** Re-roots a path produced for an item (`$.set.x`) under the item's place in the body. */
export function rebasePath(path: string, root: string): string {
  return path === '$' ? root : `${root}${path.slice(1)}`;
}
