import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';

export interface CsvRow {
  record: Record<string, unknown>;
  line: number;
}

export interface CsvReaderOptions {
  delimiter: string;
  header: boolean;
  columns?: string[];
}

/**
 * Streams a CSV file row by row. A malformed row (wrong number of fields, bad quoting) is
 * reported with its line number and skipped; the file goes on.
 */
export class CsvRowReader {
  private readonly iterator: AsyncIterator<{ record: Record<string, unknown>; info: { lines: number } }>;
  private malformed: string[] = [];
  exhausted = false;

  constructor(stream: Readable, options: CsvReaderOptions) {
    const parser = parse({
      delimiter: options.delimiter,
      columns: options.header ? true : options.columns,
      info: true,
      bom: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      relax_quotes: false,
    });
    parser.on('skip', (error: CsvError & { lines?: number }) => {
      if (this.malformed.length < 1_000) this.malformed.push(`line ${error.lines ?? '?'}: ${error.message}`);
    });
    stream.on('error', (error) => parser.destroy(error));
    this.iterator = stream.pipe(parser)[Symbol.asyncIterator]();
  }

  /** Up to `count` rows; fewer only at the end of the file. */
  async read(count: number): Promise<CsvRow[]> {
    const rows: CsvRow[] = [];
    while (rows.length < count && !this.exhausted) {
      const next = await this.iterator.next();
      if (next.done) this.exhausted = true;
      else rows.push({ record: next.value.record, line: next.value.info.lines });
    }
    return rows;
  }

  /** Malformed rows met since the last call. */
  takeMalformed(): string[] {
    const taken = this.malformed;
    this.malformed = [];
    return taken;
  }

  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}
