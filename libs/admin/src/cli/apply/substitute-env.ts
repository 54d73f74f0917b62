/**
 * Replaces `${NAME}` in secret values by the environment variable NAME, so description files
 * can be committed without secrets. A missing variable is an error, never an empty secret.
 */
export function substituteEnv(value: string, env: NodeJS.ProcessEnv, path: string): string {
  return value.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (_, name: string) => {
    const replacement = env[name];
    if (replacement === undefined || replacement === '') throw new Error(`${path}: environment variable ${name} is not set`);
    return replacement;
  });
}

export function substituteSecrets(
  secrets: Record<string, string | null> | undefined,
  env: NodeJS.ProcessEnv,
  path: string,
): Record<string, string | null> | undefined {
  if (!secrets) return undefined;
  return Object.fromEntries(
    Object.entries(secrets).map(([name, value]) => [name, typeof value === 'string' ? substituteEnv(value, env, `${path}.${name}`) : value]),
  );
}
