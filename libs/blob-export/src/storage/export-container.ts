import { ContainerClient } from '@azure/storage-blob';

/** Time allowed for one Blob request unless the adapter is given another. */
export const BLOB_REQUEST_TIMEOUT_MS = 30_000;

/**
 * The Blob operations an export needs. A staged block is invisible until a commit names it;
 * committing a block list replaces the blob in one step, so readers see a whole file or none.
 */
export class ExportContainer {
  private readonly client: ContainerClient;

  constructor(
    connectionString: string,
    container: string,
    private readonly timeoutMs = BLOB_REQUEST_TIMEOUT_MS,
  ) {
    this.client = new ContainerClient(connectionString, container);
  }

  get name(): string {
    return this.client.containerName;
  }

  async ensureExists(): Promise<void> {
    await this.client.createIfNotExists({ abortSignal: AbortSignal.timeout(this.timeoutMs) });
  }

  async stageBlock(blobName: string, blockId: string, body: Buffer): Promise<void> {
    await this.client.getBlockBlobClient(blobName).stageBlock(blockId, body, body.length, { abortSignal: AbortSignal.timeout(this.timeoutMs) });
  }

  /** `timeoutMs`: a shorter deadline than the usual one (at shutdown). */
  async commit(blobName: string, blockIds: readonly string[], contentType: string, timeoutMs = this.timeoutMs): Promise<void> {
    await this.client.getBlockBlobClient(blobName).commitBlockList([...blockIds], {
      blobHTTPHeaders: { blobContentType: contentType },
      abortSignal: AbortSignal.timeout(Math.min(timeoutMs, this.timeoutMs)),
    });
  }
}
