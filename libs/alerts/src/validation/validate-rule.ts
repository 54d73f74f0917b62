import type { AlertRuleKind, AlertRuleSettings, LagSettings, RejectedRateSettings, SyncFailingSettings } from '../model/alert-rule';

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] };

const DAY_SECONDS = 86_400;

/** Reads a rule's settings for its kind; unknown keys and out-of-range values are problems. */
export function validateRuleSettings(kind: AlertRuleKind, input: Record<string, unknown>): Checked<AlertRuleSettings> {
  const problems: string[] = [];
  const read = readers(input, problems);
  let value: AlertRuleSettings;
  switch (kind) {
    case 'sync-failing': {
      const settings: SyncFailingSettings = {
        consecutiveFailedRuns: read.int('consecutiveFailedRuns', 1, 1_000),
        failingForSeconds: read.int('failingForSeconds', 1, 30 * DAY_SECONDS),
      };
      if (settings.consecutiveFailedRuns === undefined && settings.failingForSeconds === undefined) {
        problems.push('settings: give consecutiveFailedRuns, failingForSeconds or both');
      }
      value = strip(settings);
      break;
    }
    case 'rejected-rate': {
      const settings: RejectedRateSettings = {
        threshold: read.number('threshold', 0, 1, true) ?? 0,
        windowSeconds: read.int('windowSeconds', 60, 7 * DAY_SECONDS, true) ?? 0,
        minRows: read.int('minRows', 1, 1_000_000) ?? 1,
      };
      if (settings.threshold >= 1) problems.push('settings.threshold must be below 1 (a share of the rows sent)');
      value = settings;
      break;
    }
    case 'lag': {
      const settings: LagSettings = {
        maxAgeSeconds: read.int('maxAgeSeconds', 1, 30 * DAY_SECONDS),
        maxQueuedRows: read.int('maxQueuedRows', 1, 1_000_000_000),
      };
      if (settings.maxAgeSeconds === undefined && settings.maxQueuedRows === undefined) {
        problems.push('settings: give maxAgeSeconds, maxQueuedRows or both');
      }
      value = strip(settings);
      break;
    }
  }
  read.rejectUnknown();
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

function strip<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

/** Field readers over one settings object that record what is wrong and which keys were read. */
export function readers(input: Record<string, unknown>, problems: string[], path = 'settings') {
  const known = new Set<string>();
  const number = (name: string, min: number, max: number, required = false): number | undefined => {
    known.add(name);
    const value = input[name];
    if (value === undefined || value === null) {
      if (required) problems.push(`${path}.${name} is required`);
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      problems.push(`${path}.${name} must be a number from ${min} to ${max}`);
      return undefined;
    }
    return value;
  };
  return {
    number,
    int: (name: string, min: number, max: number, required = false): number | undefined => {
      const value = number(name, min, max, required);
      if (value !== undefined && !Number.isInteger(value)) {
        problems.push(`${path}.${name} must be an integer`);
        return undefined;
      }
      return value;
    },
    string: (name: string, required = false): string | undefined => {
      known.add(name);
      const value = input[name];
      if (value === undefined || value === null) {
        if (required) problems.push(`${path}.${name} is required`);
        return undefined;
      }
      if (typeof value !== 'string' || value.length === 0 || value.length > 2_048) {
        problems.push(`${path}.${name} must be a non-empty string`);
        return undefined;
      }
      return value;
    },
    boolean: (name: string): boolean | undefined => {
      known.add(name);
      const value = input[name];
      if (value === undefined) return undefined;
      if (typeof value !== 'boolean') problems.push(`${path}.${name} must be true or false`);
      return typeof value === 'boolean' ? value : undefined;
    },
    strings: (name: string, required = false): string[] | undefined => {
      known.add(name);
      const value = input[name];
      if (value === undefined) {
        if (required) problems.push(`${path}.${name} is required`);
        return undefined;
      }
      if (!Array.isArray(value) || value.length === 0 || value.length > 50 || value.some((item) => typeof item !== 'string' || item.length === 0)) {
        problems.push(`${path}.${name} must be a list of 1 to 50 non-empty strings`);
        return undefined;
      }
      return value as string[];
    },
    rejectUnknown: () => {
      for (const key of Object.keys(input)) if (!known.has(key)) problems.push(`${path}.${key} is not a setting of this kind`);
    },
  };
}
