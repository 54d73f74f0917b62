import { splitAttributePath } from '@activation/audience-rules';

/** Dot paths into profile attributes, with the same meaning as in audience rules (`address.city`). */
export type Attributes = Record<string, unknown>;

function isObject(value: unknown): value is Attributes {
  return typeof value === 'object' && value !== null;
}

export function getAtPath(source: Attributes, path: string): unknown {
  let value: unknown = source;
  for (const segment of splitAttributePath(path)) {
    if (!isObject(value)) return undefined;
    value = value[segment];
  }
  return value;
}

/** Replaces the value at `path`, creating (or replacing non-object) intermediate objects. */
export function setAtPath(target: Attributes, path: string, value: unknown): void {
  const segments = splitAttributePath(path);
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    const next = node[segment];
    if (!isObject(next) || Array.isArray(next)) node[segment] = {};
    node = node[segment] as Attributes;
  }
  node[segments[segments.length - 1]] = value;
}

export function unsetAtPath(target: Attributes, path: string): void {
  const segments = splitAttributePath(path);
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
