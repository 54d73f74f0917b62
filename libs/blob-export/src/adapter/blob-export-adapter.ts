import { performance } from 'node:perf_hooks';
import pino, { type Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { CALL_TYPES } from '@activation/contracts';
import type {
  CallSender, DeliveryAdapter, DeliveryDestination, DeliveryLimits, DeliveryPlan, DeliverySubscription, DestinationTestResult,
} from '@activation/delivery';
import { PGP_PUBLIC_KEY_SECRET, PgpEncryption } from '../encryption/pgp-encryption';
import { ExportWriter } from '../export/export-writer';
import { rowEncoder } from '../format/row-encoder';
import { readBlobExportConfig } from '../settings/blob-export-settings';
import { ExportStateRepository } from '../state/export-state-repository';
import { SnapshotJobRepository } from '../state/snapshot-job-repository';
import { BLOB_REQUEST_TIMEOUT_MS, ExportContainer } from '../storage/export-container';
import { BlobExportSender } from './blob-export-sender';
import { callErrorOf } from './call-error';

/** The secret holding the storage account's connection string. */
export const BLOB_EXPORT_SECRET = 'connectionString';

/** A call's timeout in Blob requests: the writer begins no block after it has used all but two (a block and a commit). */
const CALL_REQUESTS_BUDGET = 4;

/** Rows per call: one call becomes one block (or a few, at a file's size limit). */
export const BLOB_EXPORT_BATCH_SIZE = 1_000;

/**
 * The `blob-export` destination kind (seed 004, "Export Audiences (Blob Storage)", JSON lines
 * or CSV) for the delivery framework. Needs the service's DataSource (`bind`) before the engine
 * starts: its export state lives beside the delivery queue.
 */
export class BlobExportAdapter implements DeliveryAdapter {
  readonly kinds = ['blob-export'] as const;
  private dataSource?: DataSource;
  private logger: Logger;
  private readonly requestTimeoutMs: number;

  /**
   * `requestTimeoutMs` bounds each Blob request; a call makes at most a few, so it also sets
   * the call timeout, and with it how long a crashed replica's destinations wait for its lease.
   */
  constructor(options: { dataSource?: DataSource; logger?: Logger; requestTimeoutMs?: number } = {}) {
    this.dataSource = options.dataSource;
    this.logger = options.logger ?? pino({ level: 'silent' });
    this.requestTimeoutMs = options.requestTimeoutMs ?? BLOB_REQUEST_TIMEOUT_MS;
  }

  bind(dataSource: DataSource, logger?: Logger): this {
    this.dataSource = dataSource;
    if (logger) this.logger = logger;
    return this;
  }

  plan(subscription: DeliverySubscription): DeliveryPlan {
    readBlobExportConfig(subscription);
    return {
      batchSize: BLOB_EXPORT_BATCH_SIZE,
      callTypes: new Set(CALL_TYPES),
      // One call at a time: the blocks of a file are staged and recorded in order.
      limits: { concurrency: 1 },
      retry: { mode: 'immediate', attempts: 5 },
      // A call stages a block or a few, and may commit a file.
      callTimeoutMs: CALL_REQUESTS_BUDGET * this.requestTimeoutMs,
    };
  }

  destinationLimits(_destination: DeliveryDestination): DeliveryLimits {
    return {};
  }

  createSender(subscription: DeliverySubscription): CallSender {
    const dataSource = this.dataSource;
    if (!dataSource) throw new Error('BlobExportAdapter needs a DataSource (bind it before the delivery engine starts)');
    const config = readBlobExportConfig(subscription);
    const connectionString = subscription.destination.secrets()[BLOB_EXPORT_SECRET];
    if (!connectionString) throw new Error(`destination secret "${BLOB_EXPORT_SECRET}" is not set`);
    const encoder = rowEncoder(config);
    const state = new ExportStateRepository(dataSource);
    const armoredKey = subscription.destination.secrets()[PGP_PUBLIC_KEY_SECRET];
    const writer = new ExportWriter({
      subscriptionId: subscription.id, config, container: new ExportContainer(connectionString, config.container, this.requestTimeoutMs), state, encoder,
      encryption: armoredKey ? new PgpEncryption(armoredKey) : undefined,
    });
    return new BlobExportSender({
      subscriptionId: subscription.id, writeBudgetMs: (CALL_REQUESTS_BUDGET - 2) * this.requestTimeoutMs, config, writer, encoder, state, snapshotJobs: new SnapshotJobRepository(dataSource),
      logger: this.logger,
    });
  }

  /** Creates the container if it is missing (proves the connection string and the container name), and reads the PGP key if one is set. */
  async testDestination(destination: DeliveryDestination): Promise<DestinationTestResult> {
    const started = performance.now();
    const container = destination.settings['container'];
    const connectionString = destination.secrets()[BLOB_EXPORT_SECRET];
    if (typeof container !== 'string' || !connectionString) {
      return { ok: false, latencyMs: 0, errorClass: 'configuration', message: 'the destination needs a container and the connectionString secret' };
    }
    const armoredKey = destination.secrets()[PGP_PUBLIC_KEY_SECRET];
    try {
      if (armoredKey) await new PgpEncryption(armoredKey).check();
    } catch (error) {
      return { ok: false, latencyMs: Math.round(performance.now() - started), errorClass: 'configuration', message: (error as Error).message };
    }
    try {
      await new ExportContainer(connectionString, container, this.requestTimeoutMs).ensureExists();
      return { ok: true, latencyMs: Math.round(performance.now() - started), message: `container "${container}" is ready` };
    } catch (error) {
      const failure = callErrorOf(error);
      return {
        ok: false, latencyMs: Math.round(performance.now() - started), httpStatus: failure.httpStatus,
        errorClass: failure.outcome === 'rejected' ? failure.errorClass : undefined, message: failure.outcome === 'rejected' ? failure.reason : '',
      };
    }
  }
}
