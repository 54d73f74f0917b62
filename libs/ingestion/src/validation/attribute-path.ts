/**
 * Attribute names are dot paths (`address.city`), read the same way by audience rules and the
 * evaluator. A segment named like a built-in object member could reach a prototype when the
 * path is applied, so such paths are refused here, before anything is published.
 */
const RESERVED_SEGMENTS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
export const MAX_ATTRIBUTE_PATH_LENGTH = 256;

/** Why a path cannot be used as an attribute name, or undefined when it can. */
export function attributePathProblem(path: string): string | undefined {
  if (path.length === 0 || path.length > MAX_ATTRIBUTE_PATH_LENGTH) {
    return `attribute path must be 1 to ${MAX_ATTRIBUTE_PATH_LENGTH} characters long`;
  }
  for (const segment of path.split('.')) {
    if (segment.length === 0) return `attribute path "${path}" has an empty segment`;
    if (RESERVED_SEGMENTS.has(segment)) return `attribute path "${path}" uses the reserved name "${segment}"`;
  }
  return undefined;
}
