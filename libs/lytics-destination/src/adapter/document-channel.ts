import { classifyEventHubsError, type EventHubsErrorClass, type EventHubsPublisher, type OutgoingEvent } from '@activation/eventhubs-destination';
import type { QueuedRow } from '@activation/delivery';
import { groupDocuments } from '../document/group-documents';
import type { LyticsDocument } from '../document/lytics-document';

export type ChannelResult =
  | { ok: true; documents: LyticsDocument[]; skipped: number }
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
 * profile). One send is in flight at a time, so a profile's documents keep their order.
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
    let grouped;
    try {
      grouped = groupDocuments(taken.flatMap((entry) => entry.rows), this.options.subscriptionId);
    } catch (error) {
      for (const entry of taken) entry.resolve({ ok: false, errorClass: 'configuration', reason: (error as Error).message, documents: [] });
      return;
    }
    const documentOf = new Map<QueuedRow, LyticsDocument>();
    for (const group of grouped.documents) for (const row of group.rows) documentOf.set(row, group.document);
    const events: OutgoingEvent[] = grouped.documents.map((group) => ({ body: group.document, partitionKey: group.profileId }));
    let failure: { errorClass: EventHubsErrorClass; reason: string } | undefined;
    try {
      await this.publisher.send(events, { timeoutMs: this.options.timeoutMs });
    } catch (error) {
      failure = classifyEventHubsError(error);
    }
    for (const entry of taken) {
      const documents = [...new Set(entry.rows.flatMap((row) => documentOf.get(row) ?? []))];
      const skipped = entry.rows.filter((row) => !documentOf.has(row)).length;
      entry.resolve(failure ? { ok: false, ...failure, documents } : { ok: true, documents, skipped });
    }
  }
}
