const SECRET_SETTINGS = Symbol('secretSettings');

/** Marks a setting whose value must never be printed (in errors, logs or health output). */
export function SecretSetting(): PropertyDecorator {
  return (target, property) => {
    const holder = target as { [SECRET_SETTINGS]?: Set<string | symbol> };
    holder[SECRET_SETTINGS] = new Set([...(holder[SECRET_SETTINGS] ?? []), property]);
  };
}

export function isSecretSetting(type: { prototype: object }, property: string): boolean {
  const holder = type.prototype as { [SECRET_SETTINGS]?: Set<string | symbol> };
  return holder[SECRET_SETTINGS]?.has(property) ?? false;
}
