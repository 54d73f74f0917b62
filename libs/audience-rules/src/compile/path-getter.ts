import { splitAttributePath } from '../attribute-path';
import type { Attributes } from './compiled-node';

export type PathGetter = (source: Attributes) => unknown;

function child(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Attributes)[key]
    : undefined;
}

/** Resolves a dot path with its segments split once; short paths get unrolled getters. */
export function compilePathGetter(path: string): PathGetter {
  const segments = splitAttributePath(path);
  const [first, second, third] = segments;
  switch (segments.length) {
    case 1:
      return (source) => source[first];
    case 2:
      return (source) => child(source[first], second);
    case 3:
      return (source) => child(child(source[first], second), third);
    default:
      return (source) => {
        let value: unknown = source[first];
        for (
          let index = 1;
          index < segments.length && value !== undefined;
          index += 1
        ) {
          value = child(value, segments[index]);
        }
        return value;
      };
  }
}
