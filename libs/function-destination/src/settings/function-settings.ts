import type { CallType } from '@activation/contracts';
import type { DeliveryLimits, RetrySettings } from '@activation/delivery';

export interface FunctionDestinationConfig {
  url: string;
  timeoutMs: number;
  /** Limits of the function as a whole, shared by every subscription that calls it. */
  limits: DeliveryLimits;
}

export interface FunctionSubscriptionConfig {
  batchSize: number;
  primaryKeyColumn: string;
  callTypes: ReadonlySet<CallType>;
  limits: DeliveryLimits;
  retry: RetrySettings;
}

export const FUNCTION_DEFAULTS = {
  timeoutMs: 10_000,
  batchSize: 1,
  primaryKeyColumn: 'profile_id',
  retry: { mode: 'immediate', attempts: 3 } as RetrySettings,
};

export class FunctionSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FunctionSettingsError';
  }
}

/** Destination settings: `url` (http/https), `timeoutMs` (100 to 300000), optional `rateLimitPerSecond` and `concurrency`. */
export function readFunctionDestination(settings: Record<string, unknown>): FunctionDestinationConfig {
  const url = settings['url'];
  if (typeof url !== 'string' || !isHttpUrl(url)) throw new FunctionSettingsError('destination setting "url" must be an http or https URL');
  return {
    url,
    timeoutMs: integer(settings, 'timeoutMs', 100, 300_000) ?? FUNCTION_DEFAULTS.timeoutMs,
    limits: limitsOf(settings),
  };
}

/**
 * Subscription settings (seed 000's sync options): `triggers` {add, change, remove}, `batchSize`
 * (1 to 1000, default 1), `primaryKeyColumn`, `rateLimitPerSecond`, `concurrency`, and `retry`
 * {mode: immediate | next-run, attempts}.
 */
export function readFunctionSubscription(settings: Record<string, unknown>): FunctionSubscriptionConfig {
  const triggers = record(settings['triggers'], 'triggers');
  const callTypes = new Set<CallType>();
  for (const [name, callType] of [['add', 'NEW'], ['change', 'MODIFIED'], ['remove', 'REMOVED']] as const) {
    const value = triggers?.[name] ?? true;
    if (typeof value !== 'boolean') throw new FunctionSettingsError(`subscription setting "triggers.${name}" must be true or false`);
    if (value) callTypes.add(callType);
  }
  const retry = record(settings['retry'], 'retry');
  const primaryKeyColumn = settings['primaryKeyColumn'] ?? FUNCTION_DEFAULTS.primaryKeyColumn;
  if (typeof primaryKeyColumn !== 'string' || primaryKeyColumn.length === 0 || primaryKeyColumn.length > 128) {
    throw new FunctionSettingsError('subscription setting "primaryKeyColumn" must be a name of 1 to 128 characters');
  }
  return {
    batchSize: integer(settings, 'batchSize', 1, 1000) ?? FUNCTION_DEFAULTS.batchSize,
    primaryKeyColumn,
    callTypes,
    limits: limitsOf(settings),
    retry: retry ? readRetry(retry) : FUNCTION_DEFAULTS.retry,
  };
}

function readRetry(retry: Record<string, unknown>): RetrySettings {
  const mode = retry['mode'];
  if (mode !== 'immediate' && mode !== 'next-run') throw new FunctionSettingsError('subscription setting "retry.mode" must be "immediate" or "next-run"');
  return { mode, attempts: integer(retry, 'attempts', 0, 20, 'retry.') ?? FUNCTION_DEFAULTS.retry.attempts };
}

function limitsOf(settings: Record<string, unknown>): DeliveryLimits {
  return {
    ratePerSecond: integer(settings, 'rateLimitPerSecond', 1, 100_000),
    concurrency: integer(settings, 'concurrency', 1, 1000),
  };
}

function integer(settings: Record<string, unknown>, name: string, min: number, max: number, prefix = ''): number | undefined {
  const value = settings[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new FunctionSettingsError(`setting "${prefix}${name}" must be an integer from ${min} to ${max}`);
  }
  return value;
}

function record(value: unknown, name: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new FunctionSettingsError(`subscription setting "${name}" must be an object`);
  return value as Record<string, unknown>;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
