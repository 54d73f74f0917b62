/**
 * Bounds on what one request or raw message may hold. They keep a single sender from exhausting
 * memory or downstream storage, and each one has its own clear error message.
 */
export interface IngestLimits {
  /** Bytes of one HTTP body (413 beyond it). */
  maxBodyBytes: number;
  /** Changes or events in one batch. */
  maxBatchItems: number;
  /** Attribute names set plus unset in one change; property names of one event. */
  maxAttributes: number;
  /** Nesting of objects and arrays inside one attribute or property value. */
  maxDepth: number;
  /** Characters of any string value. */
  maxStringLength: number;
  /** Characters of any object key or attribute path. */
  maxKeyLength: number;
  /** Ids per partner number in `identifiers`. */
  maxIdsPerPartner: number;
  /** Values (every string, number, object, array...) inside one item. */
  maxValuesPerItem: number;
  /** Bytes of one normalized message (Kafka refuses record batches over about 1 MB). */
  maxItemBytes: number;
}

export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  maxBodyBytes: 5 * 1024 * 1024,
  maxBatchItems: 1000,
  maxAttributes: 200,
  maxDepth: 8,
  maxStringLength: 8192,
  maxKeyLength: 256,
  maxIdsPerPartner: 50,
  maxValuesPerItem: 10_000,
  maxItemBytes: 256 * 1024,
};
