import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isSecretSetting } from './secret-setting';

export class ConfigValidationError extends Error {
  constructor(readonly problems: Array<{ variable: string; message: string }>) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n')}`,
    );
    this.name = 'ConfigValidationError';
  }
}

/**
 * Reads environment variables into a settings class (property names are the variable names),
 * applies its defaults, and throws one error naming every missing or invalid variable.
 */
export function loadConfig<T extends object>(type: ClassConstructor<T>, env: NodeJS.ProcessEnv = process.env): T {
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const settings = plainToInstance(type, defined, { exposeDefaultValues: true });
  const errors = validateSync(settings, { skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigValidationError(
      errors.map((error) => {
        const shown = isSecretSetting(type, error.property) ? '(hidden)' : JSON.stringify(env[error.property] ?? null);
        const reasons = Object.values(error.constraints ?? {}).join('; ');
        return { variable: error.property, message: `${reasons} (got ${shown})` };
      }),
    );
  }
  return settings;
}
