import type { Readable } from 'node:stream';
import type { BlockBlobClient } from '@azure/storage-blob';
import type { EventExportCompression } from '@activation/configuration';

const BLOCK_BYTES = 4 * 1024 * 1024;
const BLOCKS_IN_FLIGHT = 2;

export function contentTypeOf(compression: EventExportCompression, encrypted: boolean): string {
  if (encrypted) return 'application/pgp-encrypted';
  return { none: 'text/csv', gzip: 'application/gzip', zip: 'application/zip' }[compression];
}

/**
 * Uploads a stream as blocks and commits the block list at the end, so the blob appears whole or
 * not at all. An existing blob of the same name is never overwritten: the run fails instead. An
 * aborted upload commits nothing.
 */
export async function uploadExport(blob: BlockBlobClient, body: Readable, contentType: string, signal?: AbortSignal): Promise<void> {
  // An abort stops both the staging of blocks and the reading of events (a slow query included).
  const stop = () => body.destroy(new Error('the upload was aborted'));
  if (signal?.aborted) stop();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    await blob.uploadStream(body, BLOCK_BYTES, BLOCKS_IN_FLIGHT, {
      blobHTTPHeaders: { blobContentType: contentType },
      conditions: { ifNoneMatch: '*' },
      ...(signal ? { abortSignal: signal } : {}),
    });
  } finally {
    signal?.removeEventListener('abort', stop);
    // On failure this stops reading events; after success the stream has already ended.
    body.destroy();
  }
}
