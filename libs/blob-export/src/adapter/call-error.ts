import { RestError } from '@azure/storage-blob';
import type { CallOutcome } from '@activation/delivery';
import { PgpKeyError } from '../encryption/pgp-encryption';

/** The call outcome of a failed write: an HTTP error of Blob storage, a timeout, or anything else as a connection error. */
export function callErrorOf(error: unknown): CallOutcome & { httpStatus?: number } {
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof RestError && error.statusCode !== undefined) {
    return { outcome: 'rejected', errorClass: 'http-status', reason: `Blob storage answered ${error.statusCode}: ${reason}`, httpStatus: error.statusCode };
  }
  if (error instanceof PgpKeyError) return { outcome: 'rejected', errorClass: 'configuration', reason };
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return { outcome: 'rejected', errorClass: 'timeout', reason };
  }
  return { outcome: 'rejected', errorClass: 'connection', reason };
}
