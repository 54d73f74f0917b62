/** One record as a connector read it. */
export interface SourceRecord {
  entity: string;
  record: Record<string, unknown>;
  /** Primary-key columns; absent when the entity has no schema (records are appended). */
  primaryKey?: string[];
  /** When the record changed at its source (epoch ms), if the source says. */
  changedAt?: number;
  /** Where it was read (`file.csv line 12`), for notes about it. */
  origin?: string;
}

/** Diff mode: only changed records are imported; at the end of a file, records it lacked are deleted. */
export interface PageDiff {
  /** Names the file (snapshot) the page's records come from. */
  marker: string;
  /** Set on the file's last page: delete live records of these entities not seen with `marker`. */
  removeUnseen?: string[];
}

/** What one call to a connector returned; the unit that is published, then acknowledged. */
export interface SourcePage {
  /** The cursor to persist once this page is acknowledged by Kafka. */
  state: Record<string, unknown>;
  upserts: SourceRecord[];
  /** Records marked deleted (primary-key columns at least). */
  deletes: SourceRecord[];
  /** Every record imported so far of these entities is marked deleted. */
  softDeleteEntities: string[];
  hasMore: boolean;
  notes: string[];
  diff?: PageDiff;
}

export interface SourceTestOutcome {
  ok: boolean;
  message: string;
}

/** Reads one source page by page; stateless between calls (the state travels in and out). */
export interface SourceConnector {
  nextPage(state: Record<string, unknown>, syncId: string): Promise<SourcePage>;
  test(): Promise<SourceTestOutcome>;
  close?(): Promise<void>;
}

/** A failure that stops a run and is shown as it is (message, type, stack trace). */
export class SourceRunError extends Error {
  constructor(
    message: string,
    readonly errorType?: string,
    readonly stackTrace?: unknown,
  ) {
    super(message);
    this.name = 'SourceRunError';
  }
}
