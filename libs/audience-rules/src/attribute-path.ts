import { RULE_LIMITS } from './rule-limits';

// Segments that would resolve to inherited members of plain objects rather than data.
const FORBIDDEN_SEGMENTS = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
]);

export function splitAttributePath(path: string): string[] {
  return path.split('.');
}

/** Returns why a dot path such as `address.city` is unusable, or undefined when it is fine. */
export function findAttributePathProblem(path: string): string | undefined {
  if (path.length === 0) return 'must be a non-empty dot path';
  if (path.length > RULE_LIMITS.maxPathLength) {
    return `must be at most ${RULE_LIMITS.maxPathLength} characters`;
  }
  for (const segment of splitAttributePath(path)) {
    if (segment.length === 0) return `"${path}" has an empty segment`;
    if (FORBIDDEN_SEGMENTS.has(segment)) {
      return `"${path}" uses the reserved segment "${segment}"`;
    }
  }
  return undefined;
}
