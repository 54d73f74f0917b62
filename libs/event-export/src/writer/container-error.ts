import { RestError } from '@azure/storage-blob';

/**
 * A Blob storage failure as a run records it: `container "x": The specified container does not
 * exist.` Blob storage's further lines (request id, time) are dropped. Other errors (reading the
 * events, encrypting them) are returned as they are: they are not about the container.
 */
export function containerError(container: string, error: unknown): unknown {
  if (!(error instanceof RestError)) return error;
  return new Error(`container "${container}": ${error.message.split('\n')[0].trim()}`, { cause: error });
}
