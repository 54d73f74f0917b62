import { stringify } from 'csv-stringify/sync';
import type { BlobExportConfig } from '../settings/blob-export-settings';
import { csvCell } from './csv-cell';
import { META_COLUMNS, type ExportRow } from './export-row';

/** Turns rows into the bytes of a file's format; a file starts with `header()` (empty for JSON lines). */
export interface RowEncoder {
  readonly extension: string;
  readonly contentType: string;
  header(): Buffer;
  /** One buffer per row, each ending with a line break. */
  encode(rows: readonly ExportRow[]): Buffer[];
}

export function rowEncoder(config: Pick<BlobExportConfig, 'format' | 'delimiter' | 'join' | 'fields'>): RowEncoder {
  return config.format === 'csv' ? new CsvEncoder(config.fields, config.delimiter, config.join) : new JsonLinesEncoder();
}

class JsonLinesEncoder implements RowEncoder {
  readonly extension = 'jsonl';
  readonly contentType = 'application/x-ndjson';

  header(): Buffer {
    return Buffer.alloc(0);
  }

  encode(rows: readonly ExportRow[]): Buffer[] {
    return rows.map((row) =>
      Buffer.from(`${JSON.stringify({ _profile_id: row.profileId, _event: row.event, _timestamp: row.timestamp, ...row.values })}\n`, 'utf8'),
    );
  }
}

class CsvEncoder implements RowEncoder {
  readonly extension = 'csv';
  readonly contentType = 'text/csv';

  constructor(
    private readonly fields: readonly string[],
    private readonly delimiter: string,
    private readonly join: string,
  ) {}

  header(): Buffer {
    return this.line([...META_COLUMNS, ...this.fields]);
  }

  encode(rows: readonly ExportRow[]): Buffer[] {
    return rows.map((row) =>
      this.line([row.profileId, row.event, row.timestamp, ...this.fields.map((field) => csvCell(row.values[field], this.join))]),
    );
  }

  private line(cells: string[]): Buffer {
    return Buffer.from(stringify([cells], { delimiter: this.delimiter, record_delimiter: 'unix' }), 'utf8');
  }
}
