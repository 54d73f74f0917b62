import { EventHubsConfigurationError } from './eventhubs-configuration-error';

/** Seed 002's error classes: Timeout, Invalid credentials, Other error. */
export type EventHubsErrorClass = 'timeout' | 'invalid-credentials' | 'other';

export interface ClassifiedEventHubsError {
  errorClass: EventHubsErrorClass;
  reason: string;
}

const CREDENTIAL_CODES = new Set(['UnauthorizedError', 'amqp:unauthorized-access', 'InvalidSignature', 'ExpiredToken', 'InvalidAudience']);
const TIMEOUT_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE',
  'OperationTimeoutError', 'ServiceUnavailableError', 'ServerBusyError', 'ConnectionForcedError', 'ConnectionLostError',
]);
const MAX_REASON = 500;

/**
 * Classifies what the Event Hubs SDK threw: an unauthorized answer (wrong key, unknown key name,
 * expired or foreign token, 401) is invalid credentials; no connection, a dropped connection, an
 * operation timeout, an abort by our own deadline or an unavailable service is a timeout; the
 * rest is other — an unknown namespace name (`ENOTFOUND`, `EAI_AGAIN`) included: it is a
 * configuration mistake, not a slow namespace. The class is what the call log and the
 * subscription's status show; every rejected call is retried alike (the framework's retry
 * policy does not look at it). Retrying SDK calls reject with (nested) `AggregateError`s and wrapped errors
 * carry a `cause`, so every leaf is looked at: credentials win over timeouts, timeouts over the rest.
 */
export function classifyEventHubsError(error: unknown): ClassifiedEventHubsError {
  const leaves = leavesOf(error);
  const credentials = leaves.find(isCredentialError);
  if (credentials) return { errorClass: 'invalid-credentials', reason: describe(credentials) };
  const timeout = leaves.find(isTimeout);
  if (timeout) return { errorClass: 'timeout', reason: describe(timeout) };
  return { errorClass: 'other', reason: describe(leaves.at(-1) ?? error) };
}

function leavesOf(error: unknown, seen = new Set<unknown>()): unknown[] {
  if (seen.has(error)) return [];
  seen.add(error);
  if (error instanceof AggregateError || (isObject(error) && Array.isArray(error['errors']) && error['errors'].length > 0)) {
    const inner = (error as { errors: unknown[] }).errors.flatMap((child) => leavesOf(child, seen));
    return inner.length > 0 ? inner : [error];
  }
  const cause = isObject(error) ? error['cause'] : undefined;
  return cause === undefined || cause === null ? [error] : [error, ...leavesOf(cause, seen)];
}

function isCredentialError(error: unknown): boolean {
  if (!isObject(error)) return false;
  if (CREDENTIAL_CODES.has(String(error['code'])) || CREDENTIAL_CODES.has(String(error['name']))) return true;
  if (error['statusCode'] === 401 || error['status'] === 401) return true;
  return /^(InvalidSignature|ExpiredToken|InvalidAudience):/.test(messageOf(error));
}

function isTimeout(error: unknown): boolean {
  if (!isObject(error)) return false;
  if (TIMEOUT_CODES.has(String(error['code'])) || TIMEOUT_CODES.has(String(error['name']))) return true;
  if (error['name'] === 'AbortError' || error['name'] === 'TimeoutError') return true;
  const status = error['statusCode'] ?? error['status'];
  if (status === 503 || status === 408) return true;
  return /timed? ?out|operation timeout|ServiceUnavailable/i.test(messageOf(error));
}

function describe(error: unknown): string {
  if (error instanceof EventHubsConfigurationError) return error.message;
  const code = isObject(error) && typeof error['code'] === 'string' ? error['code'] : isObject(error) && typeof error['name'] === 'string' ? error['name'] : 'Error';
  const message = redact(messageOf(error));
  const text = message && message !== code ? `${code}: ${message}` : code;
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON)}…` : text;
}

/** Azure and the SDK may echo a token or a connection string in a message; their secret parts are cut. */
export function redact(text: string): string {
  return text
    .replace(/(SharedAccessKey|SharedAccessSignature|AccountKey)=[^;\s"']*/gi, '$1=[REDACTED]')
    .replace(/\b(sig|signature)=[^&\s"';]*/gi, '$1=[REDACTED]');
}

function messageOf(error: unknown): string {
  if (isObject(error) && typeof error['message'] === 'string') return error['message'];
  return typeof error === 'string' ? error : '';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
