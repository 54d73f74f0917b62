import { functionUrlProblem } from '@activation/configuration';
import type { FieldError } from '@activation/contracts';
import type { PullSourceKind } from '../model/pull-source';
import { sqlConnectionStringProblem } from '../sql/connection-string';

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const isName = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 256;
const PARTNER = /^[0-9]{1,9}$/;

function checkColumnMap(value: unknown, path: string, keyCheck: (key: string) => boolean, keyRule: string): FieldError[] {
  if (value === undefined) return [];
  if (!isObject(value)) return [{ path, message: 'must be an object' }];
  return Object.entries(value).flatMap(([key, column]) => [
    ...(keyCheck(key) ? [] : [{ path: `${path}.${key}`, message: keyRule }]),
    ...(isName(column) ? [] : [{ path: `${path}.${key}`, message: 'must be a column name' }]),
  ]);
}

function checkNameList(value: unknown, path: string): FieldError[] {
  if (value === undefined) return [];
  return Array.isArray(value) && value.every(isName) ? [] : [{ path, message: 'must be an array of names' }];
}

/** The mapping every pull source declares: entity → profile id, attributes, identifiers; hashing and blocking. */
export function validateSourceMapping(mapping: unknown, path = '$.mapping'): FieldError[] {
  if (!isObject(mapping)) return [{ path, message: 'must be an object' }];
  const errors: FieldError[] = [];
  const entities = mapping['entities'];
  if (!isObject(entities) || Object.keys(entities).length === 0) {
    errors.push({ path: `${path}.entities`, message: 'must map at least one entity' });
  } else {
    for (const [entity, spec] of Object.entries(entities)) {
      const at = `${path}.entities.${entity}`;
      if (!isObject(spec)) { errors.push({ path: at, message: 'must be an object' }); continue; }
      if (!isName(spec['profileId'])) errors.push({ path: `${at}.profileId`, message: 'must name the column holding the profile id' });
      errors.push(...checkColumnMap(spec['attributes'], `${at}.attributes`, (key) => key.length > 0 && key.length <= 256, 'must be an attribute name'));
      errors.push(...checkColumnMap(spec['identifiers'], `${at}.identifiers`, (key) => PARTNER.test(key), 'must be a partner number'));
    }
  }
  for (const field of ['hashedColumns', 'blockedColumns', 'blockedEntities']) errors.push(...checkNameList(mapping[field], `${path}.${field}`));
  return errors;
}

function checkFunctionSettings(settings: Record<string, unknown>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  // The same rule as a function destination's: settings are shown, so the URL carries no secret.
  const urlProblem = functionUrlProblem(settings['url']);
  if (urlProblem) errors.push({ path: `${path}.url`, message: urlProblem.replace(/^url /, '') });
  if (settings['customPayload'] !== undefined && !isObject(settings['customPayload'])) {
    errors.push({ path: `${path}.customPayload`, message: 'must be an object' });
  }
  const timeout = settings['timeoutMs'];
  if (timeout !== undefined && !(Number.isInteger(timeout) && (timeout as number) >= 100 && (timeout as number) <= 600_000)) {
    errors.push({ path: `${path}.timeoutMs`, message: 'must be an integer from 100 to 600000' });
  }
  const attempts = settings['maxAttempts'];
  if (attempts !== undefined && !(Number.isInteger(attempts) && (attempts as number) >= 1 && (attempts as number) <= 10)) {
    errors.push({ path: `${path}.maxAttempts`, message: 'must be an integer from 1 to 10' });
  }
  return errors;
}

function checkSqlSettings(settings: Record<string, unknown>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const identifier = (value: unknown) => typeof value === 'string' && /^[A-Za-z_][A-Za-z0-9_$ ]{0,127}$/.test(value);
  if (settings['dialect'] !== 'postgres' && settings['dialect'] !== 'sqlserver') errors.push({ path: `${path}.dialect`, message: 'must be postgres or sqlserver' });
  for (const field of ['table', 'timestampColumn']) if (!identifier(settings[field])) errors.push({ path: `${path}.${field}`, message: 'must be a plain name' });
  for (const field of ['schema', 'recordTimeColumn']) {
    if (settings[field] !== undefined && !identifier(settings[field])) errors.push({ path: `${path}.${field}`, message: 'must be a plain name' });
  }
  const keys = settings['primaryKey'];
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every(identifier)) errors.push({ path: `${path}.primaryKey`, message: 'must list the primary-key columns' });
  const columns = settings['columns'];
  if (columns !== undefined && (!Array.isArray(columns) || !columns.every(identifier))) errors.push({ path: `${path}.columns`, message: 'must be an array of column names' });
  const since = settings['sinceTimestamp'];
  if (since !== undefined && (typeof since !== 'string' || Number.isNaN(Date.parse(since)))) errors.push({ path: `${path}.sinceTimestamp`, message: 'must be an ISO 8601 timestamp' });
  const ranges: Array<[string, number, number]> = [['pageSize', 1, 50_000], ['lookbackSeconds', 0, 604_800], ['queryTimeoutMs', 100, 3_600_000]];
  for (const [field, min, max] of ranges) {
    const value = settings[field];
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= min && (value as number) <= max)) {
      errors.push({ path: `${path}.${field}`, message: `must be an integer from ${min} to ${max}` });
    }
  }
  return errors;
}

function checkBlobCsvSettings(settings: Record<string, unknown>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = (value: unknown) => typeof value === 'string' && value.length > 0 && value.length <= 256;
  if (typeof settings['container'] !== 'string' || !/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/.test(settings['container'])) {
    errors.push({ path: `${path}.container`, message: 'must be a Blob container name' });
  }
  if (settings['pattern'] !== undefined) {
    try { new RegExp(String(settings['pattern'])); } catch { errors.push({ path: `${path}.pattern`, message: 'must be a regular expression' }); }
  }
  for (const field of ['prefix', 'delimiter', 'timestampField', 'entity']) {
    if (settings[field] !== undefined && !name(settings[field])) errors.push({ path: `${path}.${field}`, message: 'must be a non-empty string' });
  }
  for (const field of ['header', 'diff']) {
    if (settings[field] !== undefined && typeof settings[field] !== 'boolean') errors.push({ path: `${path}.${field}`, message: 'must be a boolean' });
  }
  for (const field of ['columns', 'fields']) {
    const value = settings[field];
    if (value !== undefined && (!Array.isArray(value) || !value.every(name))) errors.push({ path: `${path}.${field}`, message: 'must be an array of column names' });
  }
  const keys = settings['primaryKey'];
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every(name)) errors.push({ path: `${path}.primaryKey`, message: 'must list the key columns' });
  if (settings['header'] === false && !Array.isArray(settings['columns'])) errors.push({ path: `${path}.columns`, message: 'must name the columns when there is no header row' });
  const size = settings['pageSize'];
  if (size !== undefined && !(Number.isInteger(size) && (size as number) >= 1 && (size as number) <= 50_000)) {
    errors.push({ path: `${path}.pageSize`, message: 'must be an integer from 1 to 50000' });
  }
  return errors;
}

/** Kind-specific settings checkers; other connector kinds add theirs here. */
export const SETTINGS_CHECKERS: Partial<Record<PullSourceKind, (settings: Record<string, unknown>, path: string) => FieldError[]>> = {
  function: checkFunctionSettings,
  sql: checkSqlSettings,
  'blob-csv': checkBlobCsvSettings,
};

export function validatePullSourceSettings(kind: PullSourceKind, settings: unknown, path = '$.settings'): FieldError[] {
  if (!isObject(settings)) return [{ path, message: 'must be an object' }];
  const checker = SETTINGS_CHECKERS[kind];
  if (!checker) return [{ path: '$.kind', message: `pull sources of kind ${kind} are not available yet` }];
  return checker(settings, path);
}

/**
 * The secrets a kind needs, as far as they can be checked without connecting: a SQL source's
 * `connectionString` must be present on creation, may not be removed, and must have its dialect's
 * form. `secrets` are the values sent (null removes one); the messages never quote a value.
 */
export function validatePullSourceSecrets(
  kind: PullSourceKind,
  settings: unknown,
  secrets: Record<string, unknown> | undefined,
  creating: boolean,
  path = '$.secrets',
): FieldError[] {
  if (kind !== 'sql') return [];
  const at = `${path}.connectionString`;
  const value = secrets?.['connectionString'];
  if (value === null || (value === undefined && creating)) return [{ path: at, message: 'is required for a SQL source' }];
  if (typeof value !== 'string') return [];
  const dialect = isObject(settings) ? settings['dialect'] : undefined;
  if (dialect !== 'postgres' && dialect !== 'sqlserver') return [];
  const problem = sqlConnectionStringProblem(dialect, value);
  return problem ? [{ path: at, message: problem }] : [];
}
