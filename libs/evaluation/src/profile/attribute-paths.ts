/** Dot paths into profile attributes, with the same meaning as in audience rules (`address.city`). */
const FORBIDDEN_SEGMENTS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

export type Attributes = Record<string, unknown>;

export function splitPath(path: string): string[] {
  return path.split('.');
}

/** Why a path cannot be written, or undefined when it is usable. */
export function findPathProblem(path: string): string | undefined {
  if (path.length === 0 || path.length > 256) return 'must be a dot path of 1 to 256 characters';
  for (const segment of splitPath(path)) {
    if (segment.length === 0) return `"${path}" has an empty segment`;
    if (FORBIDDEN_SEGMENTS.has(segment)) return `"${path}" uses the reserved segment "${segment}"`;
  }
  return undefined;
}

function isObject(value: unknown): value is Attributes {
  return typeof value === 'object' && value !== null;
}

export function getAtPath(source: Attributes, path: string): unknown {
  let value: unknown = source;
  for (const segment of splitPath(path)) {
    if (!isObject(value)) return undefined;
    value = value[segment];
  }
  return value;
}

/** Replaces the value at `path`, creating (or replacing non-object) intermediate objects. */
export function setAtPath(target: Attributes, path: string, value: unknown): void {
  const segments = splitPath(path);
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    const next = node[segment];
    if (!isObject(next) || Array.isArray(next)) node[segment] = {};
    node = node[segment] as Attributes;
  }
  node[segments[segments.length - 1]] = value;
}

export function unsetAtPath(target: Attributes, path: string): void {
  const segments = splitPath(path);
  let node: unknown = target;
  for (const segment of segments.slice(0, -1)) {
    if (!isObject(node)) return;
    node = node[segment];
  }
  if (isObject(node)) delete node[segments[segments.length - 1]];
}

/** True when a change at one path can alter the value read at the other (equal or nested). */
export function pathsOverlap(left: string, right: string): boolean {
  if (left === right) return true;
  const [shorter, longer] = left.length < right.length ? [left, right] : [right, left];
  return longer.startsWith(shorter) && longer[shorter.length] === '.';
}

export function firstSegment(path: string): string {
  const dot = path.indexOf('.');
  return dot === -1 ? path : path.slice(0, dot);
}
