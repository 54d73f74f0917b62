export interface SqlSourceSettings {
  dialect: 'postgres' | 'sqlserver';
  schema?: string;
  table: string;
  /** Orders the rows and is the incremental cursor (with the primary key). */
  timestampColumn: string;
  primaryKey: string[];
  /** When the row's change happened, if not the timestamp column itself. */
  recordTimeColumn?: string;
  /** Columns to read (default all). */
  columns?: string[];
  /** Rows older than this are never read (ISO 8601). */
  sinceTimestamp?: string;
  pageSize?: number;
  /** Each run re-reads this far behind the cursor, for rows committed late with an earlier timestamp. */
  lookbackSeconds?: number;
  queryTimeoutMs?: number;
}

/** The cursor a SQL source keeps: the last (timestamp, primary key) read, and the run that read it. */
export interface SqlSourceState {
  cursor?: { timestamp: string; primaryKey: unknown[] };
  syncId?: string;
}

/**
 * Moves a timestamp read back as text (`2025-01-01 10:00:00.123456+00`, or ISO 8601 with or
 * without zone) by `seconds`, keeping whether it had a zone. Sub-millisecond digits are dropped,
 * which only ever moves a look-back start earlier.
 */
export function shiftTimestampText(text: string, seconds: number): string {
  const iso = text.trim().replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const zoned = /(Z|[+-]\d\d:\d\d)$/.test(iso);
  const millis = Date.parse(zoned ? iso : `${iso}Z`);
  if (Number.isNaN(millis)) throw new Error(`the cursor timestamp "${text}" cannot be read`);
  const shifted = new Date(millis + seconds * 1_000).toISOString();
  return zoned ? shifted : shifted.slice(0, -1);
}
