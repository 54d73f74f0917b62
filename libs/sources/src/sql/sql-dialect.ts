/** Where a page starts: the beginning, a since-timestamp (inclusive), or after the last row read. */
export type PageStart =
  | { kind: 'start' }
  | { kind: 'since'; timestamp: string }
  | { kind: 'after'; timestamp: string; primaryKey: unknown[] };

export interface PageQuerySpec {
  schema?: string;
  table: string;
  /** Columns to read; absent: all. */
  columns?: string[];
  timestampColumn: string;
  primaryKey: string[];
  limit: number;
  start: PageStart;
}

export interface SqlQuery {
  sql: string;
  params: unknown[];
}

/** Alias of the timestamp read back as text, so the cursor keeps the column's full precision. */
export const CURSOR_COLUMN = '__cursor_ts';

/**
 * What differs between databases: quoting, the page query (keyset on (timestamp, primary key)),
 * and how a timestamp is read back as exact text.
 */
export interface SqlDialect {
  readonly name: 'postgres' | 'sqlserver';
  quote(identifier: string): string;
  pageQuery(spec: PageQuerySpec): SqlQuery;
}

export function checkIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_$ ]{0,127}$/.test(name)) throw new Error(`"${name}" is not a plain column or table name`);
  return name;
}
