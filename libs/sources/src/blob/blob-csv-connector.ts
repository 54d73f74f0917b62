import { ContainerClient } from '@azure/storage-blob';
import type { Readable } from 'node:stream';
import type { SourceConnector, SourcePage, SourceRecord, SourceTestOutcome } from '../engine/source-page';
import { delimiterOf, type BlobCsvSettings, type BlobCsvState } from './blob-csv-settings';
import { CsvRowReader, type CsvRow } from './csv-row-reader';

const DEFAULT_PAGE_SIZE = 5_000;

/**
 * Imports CSV files from one Blob container in name order (files named by timestamp are read
 * oldest first), streaming each file. The reader stays open between the pages of a run; after
 * a crash the file is opened again and the rows already imported are skipped.
 */
export class BlobCsvConnector implements SourceConnector {
  private open: { file: string; rows: number; reader: CsvRowReader } | undefined;
  private readonly pattern: RegExp | undefined;

  constructor(private readonly settings: BlobCsvSettings, private readonly container: ContainerClient) {
    this.pattern = settings.pattern ? new RegExp(settings.pattern) : undefined;
  }

  static fromConnectionString(settings: BlobCsvSettings, connectionString: string): BlobCsvConnector {
    return new BlobCsvConnector(settings, new ContainerClient(connectionString, settings.container));
  }

  async nextPage(raw: Record<string, unknown>): Promise<SourcePage> {
    const state = raw as BlobCsvState;
    const files = await this.files();
    const file = state.file ?? files.find((name) => state.lastFile === undefined || name > state.lastFile);
    if (!file) return { state: raw, upserts: [], deletes: [], softDeleteEntities: [], hasMore: false, notes: [] };
    const done = state.file === file ? (state.rows ?? 0) : 0;
    const reader = await this.readerAt(file, done);
    const rows = await reader.read(this.settings.pageSize ?? DEFAULT_PAGE_SIZE);
    this.open = { file, rows: done + rows.length, reader };
    const notes = reader.takeMalformed().map((problem) => `${file} ${problem}`);
    const finished = reader.exhausted;
    const entity = this.settings.entity ?? this.settings.container;
    if (finished) {
      await reader.close();
      this.open = undefined;
    }
    return {
      state: finished ? { lastFile: file } : { ...(state.lastFile ? { lastFile: state.lastFile } : {}), file, rows: done + rows.length },
      upserts: rows.map((row) => this.toRecord(entity, file, row)),
      deletes: [],
      softDeleteEntities: [],
      hasMore: !finished || files.some((name) => name > file),
      notes,
      ...(this.settings.diff ? { diff: { marker: file, ...(finished ? { removeUnseen: [entity] } : {}) } } : {}),
    };
  }

  async test(): Promise<SourceTestOutcome> {
    try {
      const files = await this.files();
      return { ok: true, message: `${files.length} matching file(s) in ${this.settings.container}` };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    await this.open?.reader.close();
    this.open = undefined;
  }

  private async files(): Promise<string[]> {
    const names: string[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix: this.settings.prefix })) {
      if (!this.pattern || this.pattern.test(blob.name)) names.push(blob.name);
    }
    return names.sort();
  }

  private async readerAt(file: string, rows: number): Promise<CsvRowReader> {
    if (this.open && this.open.file === file && this.open.rows === rows) return this.open.reader;
    await this.open?.reader.close();
    const download = await this.container.getBlobClient(file).download();
    const reader = new CsvRowReader(download.readableStreamBody as Readable, {
      delimiter: delimiterOf(this.settings.delimiter), header: this.settings.header ?? true, columns: this.settings.columns,
    });
    for (let skipped = 0; skipped < rows; ) {
      const chunk = await reader.read(Math.min(5_000, rows - skipped));
      if (chunk.length === 0) break;
      skipped += chunk.length;
    }
    reader.takeMalformed();
    return reader;
  }

  private toRecord(entity: string, file: string, row: CsvRow): SourceRecord {
    const { fields, primaryKey, timestampField } = this.settings;
    const keep = fields ? new Set([...fields, ...primaryKey, ...(timestampField ? [timestampField] : [])]) : undefined;
    const record = keep ? Object.fromEntries(Object.entries(row.record).filter(([column]) => keep.has(column))) : row.record;
    const time = timestampField ? row.record[timestampField] : undefined;
    const changedAt = typeof time === 'string' ? (/^\d+$/.test(time) ? Number(time) : Date.parse(time)) : undefined;
    return {
      entity, record, primaryKey, origin: `${file} line ${row.line}`,
      ...(changedAt !== undefined && Number.isFinite(changedAt) && changedAt >= 0 ? { changedAt } : {}),
    };
  }
}
