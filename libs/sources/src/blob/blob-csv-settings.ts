export interface BlobCsvSettings {
  container: string;
  /** Blob name prefix to list (narrows the listing). */
  prefix?: string;
  /** Regular expression a blob name must match (an exact name works too). */
  pattern?: string;
  /** Only the first character counts; `t` stands for a tab. Default `,`. */
  delimiter?: string;
  /** The first line names the columns (default true); otherwise `columns` does. */
  header?: boolean;
  columns?: string[];
  /** Columns to import (default all); key and timestamp columns are always kept. */
  fields?: string[];
  primaryKey: string[];
  /** Column holding when the row changed (ISO 8601 or epoch ms). */
  timestampField?: string;
  /** Compare each file with the previous one and import only changed and removed rows. */
  diff?: boolean;
  /** Entity name in the mapping (default: the container). */
  entity?: string;
  /** Rows per page (default 5,000). */
  pageSize?: number;
}

/** Where a CSV source stands: the last file done, and how far into the current one. */
export interface BlobCsvState {
  lastFile?: string;
  file?: string;
  /** Rows of `file` already imported. */
  rows?: number;
}

export function delimiterOf(setting: string | undefined): string {
  const first = (setting ?? ',').charAt(0) || ',';
  return first === 't' ? '\t' : first;
}
