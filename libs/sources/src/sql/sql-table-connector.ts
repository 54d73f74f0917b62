import type { SourceConnector, SourcePage, SourceRecord, SourceTestOutcome } from '../engine/source-page';
import { CURSOR_COLUMN, type PageStart, type SqlDialect } from './sql-dialect';
import type { SqlExecutor } from './sql-executor';
import { shiftTimestampText, type SqlSourceSettings, type SqlSourceState } from './sql-source-settings';

const DEFAULT_PAGE_SIZE = 1_000;

/**
 * Reads a table incrementally in (timestamp, primary key) order with keyset pagination, so rows
 * sharing a timestamp across a page boundary are neither skipped nor read twice within a run.
 * The first page of each run starts `lookbackSeconds` behind the cursor to catch late commits.
 */
export class SqlTableConnector implements SourceConnector {
  constructor(
    private readonly settings: SqlSourceSettings,
    private readonly dialect: SqlDialect,
    private readonly executor: SqlExecutor,
  ) {}

  async nextPage(raw: Record<string, unknown>, syncId: string): Promise<SourcePage> {
    const state = raw as SqlSourceState;
    const limit = this.settings.pageSize ?? DEFAULT_PAGE_SIZE;
    const query = this.dialect.pageQuery({
      schema: this.settings.schema, table: this.settings.table, columns: this.columns(), timestampColumn: this.settings.timestampColumn,
      primaryKey: this.settings.primaryKey, limit, start: this.startOf(state, syncId),
    });
    const rows = await this.executor.query(query.sql, query.params);
    const last = rows[rows.length - 1];
    const cursor = last
      ? { timestamp: String(last[CURSOR_COLUMN]), primaryKey: this.settings.primaryKey.map((column) => last[column]) }
      : state.cursor;
    return {
      state: { ...(cursor ? { cursor } : {}), syncId },
      upserts: rows.map((row) => this.toRecord(row)),
      deletes: [],
      softDeleteEntities: [],
      hasMore: rows.length === limit,
      notes: [],
    };
  }

  async test(): Promise<SourceTestOutcome> {
    try {
      const query = this.dialect.pageQuery({
        schema: this.settings.schema, table: this.settings.table, columns: this.columns(), timestampColumn: this.settings.timestampColumn,
        primaryKey: this.settings.primaryKey, limit: 1, start: { kind: 'start' },
      });
      await this.executor.query(query.sql, query.params);
      return { ok: true, message: `the table ${this.settings.table} can be read` };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }

  close(): Promise<void> {
    return this.executor.close();
  }

  private columns(): string[] | undefined {
    const { columns, timestampColumn, primaryKey, recordTimeColumn } = this.settings;
    if (!columns) return undefined;
    return [...new Set([...columns, timestampColumn, ...primaryKey, ...(recordTimeColumn ? [recordTimeColumn] : [])])];
  }

  private startOf(state: SqlSourceState, syncId: string): PageStart {
    const { cursor } = state;
    const lookback = this.settings.lookbackSeconds ?? 0;
    if (cursor && (state.syncId === syncId || lookback === 0)) return { kind: 'after', timestamp: cursor.timestamp, primaryKey: cursor.primaryKey };
    if (cursor) return { kind: 'since', timestamp: shiftTimestampText(cursor.timestamp, -lookback) };
    if (this.settings.sinceTimestamp) return { kind: 'since', timestamp: this.settings.sinceTimestamp };
    return { kind: 'start' };
  }

  private toRecord(row: Record<string, unknown>): SourceRecord {
    const { [CURSOR_COLUMN]: _cursor, ...record } = row;
    const time = this.settings.recordTimeColumn ? record[this.settings.recordTimeColumn] : undefined;
    const changedAt = time instanceof Date ? time.getTime() : typeof time === 'string' ? Date.parse(time) : undefined;
    return {
      entity: this.settings.table,
      record,
      primaryKey: this.settings.primaryKey,
      ...(changedAt !== undefined && !Number.isNaN(changedAt) && changedAt >= 0 ? { changedAt } : {}),
    };
  }
}
