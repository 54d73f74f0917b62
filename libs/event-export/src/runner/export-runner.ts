import { ContainerClient } from '@azure/storage-blob';
import type { Logger } from 'pino';
import { exportFileName, formatTimestamp } from '../naming/blob-name';
import type { EventPosition, EventSelection, ExportEvent, ExportEventRepository } from '../store/export-event.repository';
import type { ExportClaim, ExportStateRepository } from '../store/export-state.repository';
import { nextRunAfter } from '../time/next-run';
import { containerError } from '../writer/container-error';
import { csvLayout } from '../writer/csv-columns';
import { exportStream } from '../writer/export-stream';
import { contentTypeOf, uploadExport } from '../writer/upload-export';
import type { ExportJob } from './export-job';

/** The destination secret holding the storage account's connection string. */
export const EVENT_EXPORT_CONNECTION_SECRET = 'connectionString';

export interface ExportSecrets {
  connectionString: string;
  pgpPublicKey?: string;
}

export interface ExportRunnerOptions {
  events: ExportEventRepository;
  states: ExportStateRepository;
  logger: Logger;
  /** How long after a failed run it is tried again. */
  retryDelayMs: number;
  /** Renews the lease this often during a run. */
  leaseRenewMs: number;
  leaseMs: number;
  pageSize?: number;
  clock?: () => Date;
  /** Builds the container client of a connection string (tests may point it elsewhere). */
  containerOf?: (connectionString: string, container: string) => ContainerClient;
}

export type RunResult = { status: 'exported'; file: string; rows: number } | { status: 'failed'; error: string };

/**
 * One run of one export: the events after the watermark up to the last settled row, written as one
 * blob; then the watermark moves to that row and the next run is scheduled. A failed run leaves the
 * watermark where it was, so the next attempt exports the same events again.
 */
export class ExportRunner {
  constructor(private readonly options: ExportRunnerOptions) {}

  /** `signal` aborts the run (the service is stopping): it fails, keeps its watermark and is due again at once. */
  async run(job: ExportJob, claim: ExportClaim, secrets: ExportSecrets, startedAt: Date, signal?: AbortSignal): Promise<RunResult> {
    const { events, states, logger } = this.options;
    const clock = this.options.clock ?? (() => new Date());
    const renewal = setInterval(() => {
      states.renew(claim, new Date(clock().getTime() + this.options.leaseMs)).catch((error) =>
        logger.warn({ destinationId: job.destinationId, reason: (error as Error).message }, 'could not renew an export lease'));
    }, this.options.leaseRenewMs);
    try {
      const end = await events.settledEnd();
      const upTo = later(end, claim.watermark);
      const selection = upTo && upTo !== claim.watermark ? selectionOf(job, upTo, claim.watermark) : undefined;
      const layout = csvLayout(selection ? await events.propertyKeys(selection) : []);
      const encrypted = Boolean(secrets.pgpPublicKey);
      const name = exportFileName(job.fileName, formatTimestamp(startedAt.getTime(), job.timestampFormat, job.timeZone), {
        compression: job.compression, encrypted,
      });
      const counter = { rows: 0 };
      const body = await exportStream(counted(selection ? events.read(selection, this.options.pageSize) : none(), counter), {
        layout, includeHeaders: job.includeHeaders, compression: job.compression, zipEntryName: name.csv,
        ...(secrets.pgpPublicKey ? { pgpPublicKey: secrets.pgpPublicKey } : {}),
      });
      const containerOf = this.options.containerOf ?? ((connection, container) => new ContainerClient(connection, container));
      await uploadExport(
        containerOf(secrets.connectionString, job.container).getBlockBlobClient(name.blob), body, contentTypeOf(job.compression, encrypted), signal,
      ).catch((error: unknown) => {
        throw containerError(job.container, error);
      });

      const finished = !job.keepUpdated || (job.occurredBefore !== undefined && startedAt.getTime() >= job.occurredBefore);
      const nextRunAt = finished ? undefined : new Date(nextRunAfter(startedAt.getTime(), job));
      const recorded = await states.complete(claim, {
        ...(upTo ? { watermark: upTo } : {}), ...(nextRunAt ? { nextRunAt } : {}), file: name.blob, rows: counter.rows, ranAt: startedAt,
      });
      if (!recorded) logger.warn({ destinationId: job.destinationId, file: name.blob }, 'export lease was lost before the run was recorded');
      logger.info({ destinationId: job.destinationId, file: name.blob, rows: counter.rows, nextRunAt }, 'event export written');
      return { status: 'exported', file: name.blob, rows: counter.rows };
    } catch (error) {
      const stopped = signal?.aborted === true;
      const reason = stopped ? 'the service stopped during the run' : (error as Error).message;
      logger.error({ destinationId: job.destinationId, reason }, 'event export failed; it will be tried again');
      await states.fail(claim, reason, new Date(clock().getTime() + (stopped ? 0 : this.options.retryDelayMs)));
      return { status: 'failed', error: reason };
    } finally {
      clearInterval(renewal);
    }
  }
}

/** The job's events after the watermark, up to `upTo`. */
function selectionOf(job: ExportJob, upTo: EventPosition, watermark: EventPosition | undefined): EventSelection {
  return {
    upTo, streams: job.streams, ...(watermark ? { after: watermark } : {}),
    ...(job.occurredFrom !== undefined ? { occurredFrom: job.occurredFrom } : {}),
    ...(job.occurredBefore !== undefined ? { occurredBefore: job.occurredBefore } : {}),
  };
}

/** The later of two positions (`b` when equal); retention may have removed every row after the watermark. */
function later(a: EventPosition | undefined, b: EventPosition | undefined): EventPosition | undefined {
  if (!a || !b) return a ?? b;
  const order = BigInt(a.tx) === BigInt(b.tx) ? BigInt(a.position) - BigInt(b.position) : BigInt(a.tx) - BigInt(b.tx);
  return order > 0n ? a : b;
}

async function* counted(events: AsyncIterable<ExportEvent>, counter: { rows: number }): AsyncGenerator<ExportEvent> {
  for await (const event of events) {
    counter.rows += 1;
    yield event;
  }
}

async function* none(): AsyncGenerator<ExportEvent> {
  // no events to export
}
