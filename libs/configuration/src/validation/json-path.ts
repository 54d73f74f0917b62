const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$.a.b` for identifier keys, `$.a["odd key"]` otherwise: paths people can paste back. */
export function keyPath(parent: string, key: string): string {
  return IDENTIFIER.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** Re-roots paths of a nested validation (`$.x` → `$.settings.x`). */
export function prefixPath(path: string, prefix: string): string {
  return path === '$' ? prefix : `${prefix}${path.slice(1)}`;
}
