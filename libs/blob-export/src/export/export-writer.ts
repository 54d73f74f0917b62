import { randomUUID } from 'node:crypto';
import type { RowEncoder } from '../format/row-encoder';
import type { BlobExportConfig } from '../settings/blob-export-settings';
import type { OpenFile } from '../state/export-state-repository';
import type { ExportStateRepository } from '../state/export-state-repository';
import { blockId } from '../storage/block-id';
import type { ExportContainer } from '../storage/export-container';
import type { PgpEncryption } from '../encryption/pgp-encryption';
import { blockBody, fitBlock } from './block-body';
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
  /** Set: every file is one OpenPGP message, written as a single block and committed at once. */
  encryption?: PgpEncryption;
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
  private startAttempted = false;
  /** This writer, as `ExportStateRepository.claim` knows it. */
  private readonly writerId = randomUUID();
  /** Bytes OpenPGP adds to a message, measured once. */
  private encryptionOverhead?: number;

  constructor(private readonly deps: ExportWriterDeps) {}

  /**
   * Before the first write: a file left open (a crash, or another replica that stopped) is
   * committed with exactly its recorded blocks, and new rows go to a new file, so a committed
   * blob is never changed afterwards. Staged blocks that were never recorded are left out and
   * vanish (their rows were not acknowledged, so they are delivered again).
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.startAttempted = true;
    await this.deps.container.ensureExists();
    // Before reading the open file: a stalled writer can record no block after this.
    await this.deps.state.claim(this.deps.subscriptionId, this.writerId);
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
      const { count, body } = await this.nextBlock(header, pending, config.maxFileBytes - file.bytes);
      if (!first && body.length > config.maxFileBytes - file.bytes) {
        await this.closeFile();
        continue;
      }
      const block = pending.slice(0, count);
      const id = blockId(file.fileNumber, file.blockIds.length);
      await container.stageBlock(file.blobName, id, body);
      await state.recordBlock(subscriptionId, this.writerId, {
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
      if (this.deps.encryption || file.bytes >= config.maxFileBytes || file.blockIds.length >= MAX_BLOCKS_PER_FILE) await this.closeFile();
    }
    return summary;
  }

  /**
   * Periodic upkeep: the first time, takes the subscription up (so a file a crashed writer left
   * open is committed even when no row comes); then commits the open file once it has been open
   * for the flush interval. Never takes the subscription up again after a failure: a writer
   * fenced off by another must not take it back on its own.
   */
  async maintain(): Promise<void> {
    if (!this.startAttempted) return this.resetOnFailure(() => this.start());
    const file = this.file;
    if (!file || (this.deps.now ?? Date.now)() - file.openedAt < this.deps.config.flushIntervalMs) return;
    await this.resetOnFailure(() => this.closeFile());
  }

  /** Commits the open file with every recorded block (a one-time export's end), starting over first if a failure reset the writer. */
  async finish(): Promise<void> {
    await this.resetOnFailure(async () => {
      await this.start();
      await this.closeFile();
    });
  }

  /** Commits the open file, if it has rows. A writer that never started has nothing to commit (the next one commits what is left). */
  async close(commitTimeoutMs?: number): Promise<void> {
    if (!this.started) return;
    await this.resetOnFailure(() => this.closeFile(commitTimeoutMs));
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

  /**
   * The next block's rows and bytes, within `room`. Encrypted, the block is a whole OpenPGP
   * message (one file), sized from the plain bytes less the measured overhead, halved if the
   * message still does not fit.
   */
  private async nextBlock(header: Buffer | undefined, rows: readonly PendingRow[], room: number): Promise<{ count: number; body: Buffer }> {
    const { config, encryption } = this.deps;
    if (!encryption) return fitBlock(header, rows, config.gzip, room);
    this.encryptionOverhead ??= (await encryption.encrypt(Buffer.alloc(0))).length;
    let { count, body } = fitBlock(header, rows, config.gzip, room - this.encryptionOverhead - 64);
    body = await encryption.encrypt(body);
    while (body.length > room && count > 1) {
      count = Math.ceil(count / 2);
      body = await encryption.encrypt(blockBody(header, rows.slice(0, count), config.gzip));
    }
    return { count, body };
  }

  get openBlobName(): string | undefined {
    return this.file?.blobName;
  }

  private async openFile(): Promise<OpenFile> {
    const { config, encoder, state, subscriptionId } = this.deps;
    this.file = await state.createFile(subscriptionId, this.writerId, (fileNumber, openedAt) =>
      exportFileName({
        namePrefix: config.namePrefix, subscriptionId, fileNumber, openedAt, extension: encoder.extension, gzip: config.gzip, encrypted: this.deps.encryption !== undefined,
      }),
    );
    return this.file;
  }

  /** An empty file is kept open (nothing to show); otherwise its recorded blocks are committed in order. */
  private async closeFile(commitTimeoutMs?: number): Promise<void> {
    const file = this.file;
    if (!file || file.blockIds.length === 0) return;
    const { container, state, subscriptionId, config, encoder } = this.deps;
    // A writer fenced off (its timer firing after a stall) must not replace the blob either.
    await state.assertWriter(subscriptionId, this.writerId);
    const contentType = this.deps.encryption ? 'application/pgp-encrypted' : config.gzip ? 'application/gzip' : encoder.contentType;
    await container.commit(file.blobName, file.blockIds, contentType, commitTimeoutMs);
    await state.markCommitted(subscriptionId, this.writerId, file.fileNumber, file.blockIds.length);
    this.file = undefined;
    await state.forgetDeliveredRows(subscriptionId);
  }
}
