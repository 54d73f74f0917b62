import { classifyEventHubsError, type EventHubsErrorClass, type EventHubsPublisher, type OutgoingEvent } from '@activation/eventhubs-destination';
import type { QueuedRow } from '@activation/delivery';
import { groupDocuments, type GroupedDocument } from '../document/group-documents';
import type { LyticsDocument } from '../document/lytics-document';

export interface RejectedRow {
  primaryKey: string;
  reason: string;
}

export type ChannelResult =
  /** `rejected`: rows whose document could not be built or was too large to send; only they failed. */
  | { ok: true; documents: LyticsDocument[]; skipped: number; rejected: RejectedRow[] }
  | { ok: false; errorClass: EventHubsErrorClass | 'configuration'; reason: string; documents: LyticsDocument[] };

export interface DocumentChannelOptions {
  /** `meta.subscription_id`: the destination, whose subscriptions' audiences share documents. */
  subscriptionId: string;
  groupWindowMs: number;
  timeoutMs: number;
}

interface Pending {
  rows: readonly QueuedRow[];
  resolve(result: ChannelResult): void;
}

/** Rows gathered while a send is in flight beyond this go out at once after it. */
const MAX_PENDING_ROWS = 10_000;

/**
 * The sending side of one destination, shared by the senders of all its subscriptions (one
 * replica holds a destination, so all of them are in this process). Calls arriving within
 * `groupWindowMs` are sent together: their rows become one document per (profile, evaluation),
 * so an evaluation that makes a profile leave one audience and enter another yields one
 * document, and all documents go out in one send (as few Event Hubs batches as fit, keyed by
 * profile). One send is in flight at a time, so a profile's documents keep their order. A
 * document that cannot be built, or is too large for Event Hubs, fails only its own rows.
 */
export class DocumentChannel {
  private pending: Pending[] = [];
  private pendingRows = 0;
  private flushing?: Promise<void>;
  private windowTimer?: NodeJS.Timeout;
  private releaseWindow?: () => void;

  constructor(
    private readonly publisher: Pick<EventHubsPublisher, 'send' | 'close'>,
    private readonly options: DocumentChannelOptions,
  ) {}

  submit(rows: readonly QueuedRow[]): Promise<ChannelResult> {
    return new Promise((resolve) => {
      this.pending.push({ rows, resolve });
      this.pendingRows += rows.length;
      if (this.pendingRows >= MAX_PENDING_ROWS) this.endWindow();
      this.flushing ??= this.flushLoop();
    });
  }

  async close(): Promise<void> {
    this.endWindow();
    await this.flushing;
    await this.publisher.close();
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        await this.window();
        const taken = this.pending;
        this.pending = [];
        this.pendingRows = 0;
        await this.send(taken);
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private window(): Promise<void> {
    if (this.pendingRows >= MAX_PENDING_ROWS) return Promise.resolve();
    return new Promise((resolve) => {
      this.releaseWindow = resolve;
      this.windowTimer = setTimeout(() => this.endWindow(), this.options.groupWindowMs);
    });
  }

  private endWindow(): void {
    clearTimeout(this.windowTimer);
    this.releaseWindow?.();
    this.releaseWindow = undefined;
  }

  private async send(taken: Pending[]): Promise<void> {
    const grouped = groupDocuments(taken.flatMap((entry) => entry.rows), this.options.subscriptionId);
    const failedRows = new Map<QueuedRow, string>();
    for (const group of grouped.failed) for (const row of group.rows) failedRows.set(row, group.reason);
    const groupOf = new Map<OutgoingEvent, GroupedDocument<QueuedRow>>();
    for (const group of grouped.documents) groupOf.set({ body: group.document, partitionKey: group.profileId }, group);
    let failure: { errorClass: EventHubsErrorClass; reason: string } | undefined;
    try {
      await this.publisher.send([...groupOf.keys()], {
        timeoutMs: this.options.timeoutMs,
        onTooLarge: (event, error) => {
          for (const row of groupOf.get(event)?.rows ?? []) failedRows.set(row, error.message);
        },
      });
    } catch (error) {
      failure = classifyEventHubsError(error);
    }
    const documentOf = new Map<QueuedRow, LyticsDocument>();
    for (const group of groupOf.values()) for (const row of group.rows) if (!failedRows.has(row)) documentOf.set(row, group.document);
    for (const entry of taken) {
      const documents = [...new Set(entry.rows.flatMap((row) => documentOf.get(row) ?? []))];
      if (failure) {
        entry.resolve({ ok: false, ...failure, documents });
        continue;
      }
      const rejected = entry.rows.flatMap((row) => {
        const reason = failedRows.get(row);
        return reason === undefined ? [] : [{ primaryKey: row.primaryKey, reason }];
      });
      const skipped = entry.rows.filter((row) => !documentOf.has(row) && !failedRows.has(row)).length;
      entry.resolve({ ok: true, documents, skipped, rejected });
    }
  }
}
