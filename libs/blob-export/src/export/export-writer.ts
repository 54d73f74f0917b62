import type { RowEncoder } from '../format/row-encoder';
import type { BlobExportConfig } from '../settings/blob-export-settings';
import type { OpenFile } from '../state/export-state-repository';
import type { ExportStateRepository } from '../state/export-state-repository';
import { blockId } from '../storage/block-id';
import type { ExportContainer } from '../storage/export-container';
import { fitBlock } from './block-body';
import { exportFileName } from './file-naming';
import type { PendingRow } from './pending-row';

/** Azure's limit of committed blocks per block blob. */
export const MAX_BLOCKS_PER_FILE = 50_000;

export interface ExportWriterDeps {
  subscriptionId: number;
  config: BlobExportConfig;
  container: ExportContainer;
  state: ExportStateRepository;
  encoder: RowEncoder;
  now?: () => number;
}

export interface WriteSummary {
  /** How many of the rows given were written (all, unless the deadline came first). */
  rows: number;
  blobs: string[];
  blocks: number;
  bytes: number;
}

/**
 * Writes one subscription's rows into export files. Rows become staged blocks of the open file
 * as they come (nothing but the block in hand is buffered), each recorded in Postgres with the
 * delivery rows it holds before `write` returns; a file becomes visible only when its block
 * list is committed: when the next block would pass the size limit, when it is older than the
 * flush interval, at a one-time export's end, and when the writer closes. Not safe for
 * concurrent use: the sender runs one operation at a time.
 */
export class ExportWriter {
  private file?: OpenFile;
  private started = false;

  constructor(private readonly deps: ExportWriterDeps) {}

  /**
   * Before the first write: a file left open (a crash, or another replica that stopped) is
   * committed with exactly its recorded blocks, and new rows go to a new file, so a committed
   * blob is never changed afterwards. Staged blocks that were never recorded are left out and
   * vanish (their rows were not acknowledged, so they are delivered again).
   */
  async start(): Promise<void> {
    if (this.started) return;
    await this.deps.container.ensureExists();
    const left = await this.deps.state.openFile(this.deps.subscriptionId);
    if (left) {
      this.file = left;
      await this.closeFile();
    }
    this.started = true;
  }

  /**
   * Writes the rows into blocks of the open file (and the next ones); every block is recorded
   * when this returns. After a failure the writer starts over from what Postgres recorded.
   */
  async write(rows: readonly PendingRow[], deadline = Number.POSITIVE_INFINITY): Promise<WriteSummary> {
    return this.resetOnFailure(() => this.writeRows(rows, deadline));
  }

  /** No block is begun after `deadline` (epoch ms): a call must end within its timeout. */
  private async writeRows(rows: readonly PendingRow[], deadline: number): Promise<WriteSummary> {
    await this.start();
    const { config, container, state, encoder, subscriptionId } = this.deps;
    const now = this.deps.now ?? Date.now;
    const summary: WriteSummary = { rows: 0, blobs: [], blocks: 0, bytes: 0 };
    let pending = rows;
    while (pending.length > 0 && now() < deadline) {
      const file = this.file ?? (await this.openFile());
      const first = file.blockIds.length === 0;
      const header = first ? encoder.header() : undefined;
      const { count, body } = fitBlock(header, pending, config.gzip, config.maxFileBytes - file.bytes);
      if (!first && body.length > config.maxFileBytes - file.bytes) {
        await this.closeFile();
        continue;
      }
      const block = pending.slice(0, count);
      const id = blockId(file.fileNumber, file.blockIds.length);
      await container.stageBlock(file.blobName, id, body);
      await state.recordBlock(subscriptionId, {
        fileNumber: file.fileNumber,
        blockNumber: file.blockIds.length,
        blockId: id,
        bytes: body.length,
        deliveryRowIds: block.map((row) => row.deliveryRowId),
        snapshotRows: block.filter((row) => row.snapshot).length,
      });
      file.blockIds.push(id);
      file.bytes += body.length;
      file.rowCount += block.length;
      if (!summary.blobs.includes(file.blobName)) summary.blobs.push(file.blobName);
      summary.rows += block.length;
      summary.blocks += 1;
      summary.bytes += body.length;
      pending = pending.slice(count);
      if (file.bytes >= config.maxFileBytes || file.blockIds.length >= MAX_BLOCKS_PER_FILE) await this.closeFile();
    }
    return summary;
  }

  /** Commits the open file when it has been open for the flush interval. */
  async closeIfDue(): Promise<void> {
    const file = this.file;
    if (!file || (this.deps.now ?? Date.now)() - file.openedAt < this.deps.config.flushIntervalMs) return;
    await this.resetOnFailure(() => this.closeFile());
  }

  /** Commits the open file, if it has rows. */
  async close(): Promise<void> {
    await this.resetOnFailure(async () => {
      await this.start();
      await this.closeFile();
    });
  }

  /**
   * Whatever failed (a commit that may or may not have happened, a block recorded or not), the
   * next operation begins with `start`, which commits the open file with exactly the blocks
   * Postgres recorded; committing the same list again gives the same blob.
   */
  private async resetOnFailure<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      this.file = undefined;
      this.started = false;
      throw error;
    }
  }

  get openBlobName(): string | undefined {
    return this.file?.blobName;
  }

  private async openFile(): Promise<OpenFile> {
    const { config, encoder, state, subscriptionId } = this.deps;
    this.file = await state.createFile(subscriptionId, (fileNumber, openedAt) =>
      exportFileName({ namePrefix: config.namePrefix, subscriptionId, fileNumber, openedAt, extension: encoder.extension, gzip: config.gzip }),
    );
    return this.file;
  }

  /** An empty file is kept open (nothing to show); otherwise its recorded blocks are committed in order. */
  private async closeFile(): Promise<void> {
    const file = this.file;
    if (!file || file.blockIds.length === 0) return;
    const { container, state, subscriptionId, config, encoder } = this.deps;
    await container.commit(file.blobName, file.blockIds, config.gzip ? 'application/gzip' : encoder.contentType);
    await state.markCommitted(subscriptionId, file.fileNumber);
    this.file = undefined;
    await state.forgetDeliveredRows(subscriptionId);
  }
}
