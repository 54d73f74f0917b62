import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { initialSyncRequestId, type CallResult, type CallSender, type DeliveryCall } from '@activation/delivery';
import { exportRowOf } from '../format/export-row';
import type { RowEncoder } from '../format/row-encoder';
import type { BlobExportConfig } from '../settings/blob-export-settings';
import type { ExportStateRepository } from '../state/export-state-repository';
import type { SnapshotJobRepository } from '../state/snapshot-job-repository';
import type { ExportWriter } from '../export/export-writer';
import { snapshotWritten } from '../export/one-time-completion';
import { callErrorOf } from './call-error';

/** How often open files are checked against the flush interval (and a one-time export for its end). */
export const EXPORT_TICK_MS = 1_000;

/**
 * The Blob deadline of the commit when the sender closes: a service stopping must not wait out
 * a slow storage account; an uncommitted file is committed by the next owner.
 */
export const CLOSE_COMMIT_TIMEOUT_MS = 5_000;

export interface BlobExportSenderDeps {
  subscriptionId: number;
  /** No block is begun later than this after a call started (leaves room for one more request). */
  writeBudgetMs: number;
  config: BlobExportConfig;
  writer: ExportWriter;
  encoder: RowEncoder;
  state: ExportStateRepository;
  snapshotJobs: SnapshotJobRepository;
  logger: Logger;
}

/**
 * Delivers one subscription's calls into its export files. A call is acknowledged once its
 * rows are in recorded blocks (see ExportWriter); rows a recorded block already holds (a call
 * delivered again after a crash) are acknowledged without writing them twice. One operation
 * runs at a time: calls, flush-interval commits and the close.
 */
export class BlobExportSender implements CallSender {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private completed = false;
  /** A tick waits behind a call of up to the call timeout: later ticks are not queued behind it. */
  private ticking = false;

  constructor(private readonly deps: BlobExportSenderDeps) {
    this.timer = setInterval(() => this.scheduleTick(), EXPORT_TICK_MS);
    this.timer.unref();
  }

  private scheduleTick(): void {
    if (this.ticking) return;
    this.ticking = true;
    this.serially(() => this.tick())
      .catch((error) => this.tickFailed(error))
      .finally(() => (this.ticking = false));
  }

  send(call: DeliveryCall): Promise<CallResult> {
    return this.serially(() => this.deliver(call));
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.serially(() => this.deps.writer.close(CLOSE_COMMIT_TIMEOUT_MS)).catch((error) =>
      this.deps.logger.warn({ subscriptionId: this.deps.subscriptionId, reason: (error as Error).message }, 'closing the export file failed; the next owner commits it'),
    );
  }

  private async deliver(call: DeliveryCall): Promise<CallResult> {
    const started = performance.now();
    const { state, writer, encoder, config, subscriptionId } = this.deps;
    try {
      if (config.oneTime && !this.completed) this.completed = (await state.progress(subscriptionId)).completedAt !== null;
      const written = await state.alreadyWritten(subscriptionId, call.rows.map((row) => row.id));
      const fresh = call.rows.filter((row) => !written.has(row.id));
      // A one-time export is the snapshot of the existing members and nothing else.
      const wanted = config.oneTime ? (this.completed ? [] : fresh.filter((row) => row.origin === 'snapshot')) : fresh;
      const skipped = fresh.length - wanted.length;
      const lines = encoder.encode(wanted.map(exportRowOf));
      const pending = wanted.map((row, index) => ({ deliveryRowId: row.id, line: lines[index], snapshot: row.origin === 'snapshot' }));
      const summary = await writer.write(pending, Date.now() + this.deps.writeBudgetMs);
      if (skipped > 0) {
        await state.addSkipped(subscriptionId, skipped);
        this.deps.logger.info({ subscriptionId, skipped, completed: this.completed }, 'one-time export: membership changes acknowledged without being written');
      }
      const request = { blobs: summary.blobs, blocks: summary.blocks, bytes: summary.bytes, rows: summary.rows, alreadyWritten: written.size, skipped };
      const latencyMs = performance.now() - started;
      if (summary.rows === wanted.length) return { outcome: 'delivered', latencyMs, request };
      // Out of time: the rows not written yet go again in a later call.
      const reason = 'the call ran out of time before this row was written';
      return { outcome: 'partial', rejected: wanted.slice(summary.rows).map((row) => ({ primaryKey: row.primaryKey, reason })), latencyMs, request };
    } catch (error) {
      return { ...callErrorOf(error), latencyMs: performance.now() - started };
    }
  }

  private async tick(): Promise<void> {
    const { config, writer } = this.deps;
    await writer.maintain();
    if (config.oneTime && !this.completed) await this.completeIfSnapshotWritten();
  }

  private async completeIfSnapshotWritten(): Promise<void> {
    const { state, snapshotJobs, subscriptionId, writer, logger } = this.deps;
    const progress = await state.progress(subscriptionId);
    if (progress.completedAt === null) {
      const job = await snapshotJobs.byRequestId(initialSyncRequestId(subscriptionId));
      if (!snapshotWritten(job, progress, await snapshotJobs.snapshotRowsQueued(subscriptionId), Date.now())) return;
      await writer.finish();
      await state.markCompleted(subscriptionId);
      logger.info({ subscriptionId, rows: progress.snapshotRows }, 'one-time export complete');
    }
    this.completed = true;
  }

  private tickFailed(error: unknown): void {
    this.deps.logger.warn({ subscriptionId: this.deps.subscriptionId, reason: (error as Error).message }, 'export file maintenance failed; retrying');
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
