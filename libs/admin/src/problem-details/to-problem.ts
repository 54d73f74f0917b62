import { HttpException, HttpStatus } from '@nestjs/common';
import { InvalidCursorError, SecretsNotConfiguredError } from '@activation/configuration';
import { PROBLEM_TYPES, ProblemException, problemTypeUri, type ProblemDetails, type ProblemKind } from './problem';

const KIND_BY_STATUS = new Map<number, ProblemKind>(
  Object.entries(PROBLEM_TYPES).map(([kind, type]) => [type.status, kind as ProblemKind]),
);
/** Fields of Nest's default error bodies that the problem format replaces. */
const NEST_FIELDS = new Set(['statusCode', 'message', 'error']);
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Maps anything a request can throw to problem details. Unknown errors become a 500 whose
 * detail says nothing about the cause (it is logged, not returned).
 */
export function toProblem(error: unknown, instance: string): ProblemDetails {
  if (error instanceof ProblemException) return build(error.kind, instance, error.detail, error.errors);
  if (error instanceof InvalidCursorError) {
    return build('validation', instance, error.message, [{ path: 'query.cursor', message: error.message }]);
  }
  if (error instanceof SecretsNotConfiguredError) {
    return build('unavailable', instance, 'Secrets cannot be stored: the service has no SECRETS_KEYS configured.');
  }
  if (error instanceof HttpException) return fromHttpException(error, instance);
  const database = databaseProblem(error, instance);
  if (database) return database;
  const status = (error as { status?: unknown; type?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return fromBodyParser(error as Error & { status: number; type?: string }, instance);
  return build('internal', instance, 'The request failed unexpectedly; the error was logged.');
}

function fromHttpException(error: HttpException, instance: string): ProblemDetails {
  const status = error.getStatus();
  const body = error.getResponse();
  const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
  const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : undefined;
  const kind = KIND_BY_STATUS.get(status);
  const problem = kind ? build(kind === 'validation' ? 'badRequest' : kind, instance, detail) : { ...generic(status, instance), detail };
  if (typeof body === 'object' && body !== null) {
    for (const [key, value] of Object.entries(body)) if (!NEST_FIELDS.has(key) && !(key in problem)) problem[key] = value;
  }
  return problem;
}

function fromBodyParser(error: Error & { status: number; type?: string }, instance: string): ProblemDetails {
  if (error.type === 'entity.parse.failed') return build('badRequest', instance, 'The request body is not valid JSON.');
  if (error.type === 'entity.too.large') return build('payloadTooLarge', instance, 'The request body is too large.');
  if (error.status === HttpStatus.UNSUPPORTED_MEDIA_TYPE) return build('unsupportedMediaType', instance, 'Send the body as application/json.');
  const kind = KIND_BY_STATUS.get(error.status);
  return kind ? build(kind, instance) : generic(error.status, instance);
}

function databaseProblem(error: unknown, instance: string): ProblemDetails | undefined {
  const driverError = (error as { driverError?: { code?: string; constraint?: string; detail?: string } } | null)?.driverError;
  if (driverError?.code === UNIQUE_VIOLATION) {
    const field = uniqueField(driverError.constraint);
    return build('conflict', instance, `Another entity already has this ${field ?? 'value'}.`, field ? [{ path: `$.${field}`, message: 'is already taken' }] : undefined);
  }
  if (driverError?.code === FOREIGN_KEY_VIOLATION) {
    return build('conflict', instance, 'The entity is still referenced by another one (e.g. a subscription).');
  }
  return undefined;
}

/** `audiences_slug_key` → `slug`. */
function uniqueField(constraint: string | undefined): string | undefined {
  const match = constraint?.match(/^[a-z_]+?_([a-z]+)_key$/);
  return match?.[1];
}

function build(kind: ProblemKind, instance: string, detail?: string, errors?: ProblemDetails['errors']): ProblemDetails {
  const type = PROBLEM_TYPES[kind];
  return {
    type: problemTypeUri(type.slug),
    title: type.title,
    status: type.status,
    ...(detail ? { detail } : {}),
    instance,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

function generic(status: number, instance: string): ProblemDetails {
  return { type: 'about:blank', title: HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'Error', status, instance };
}
