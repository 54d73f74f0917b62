import { PostgresDialect } from './postgres-dialect';
import { SqlServerDialect } from './sqlserver-dialect';
import { shiftTimestampText } from './sql-source-settings';

const base = { schema: 'crm', table: 'customers', timestampColumn: 'updated_at', primaryKey: ['region', 'id'], limit: 500 };

describe('PostgresDialect', () => {
  const dialect = new PostgresDialect();
  it('pages from the start', () => {
    expect(dialect.pageQuery({ ...base, start: { kind: 'start' } })).toEqual({
      sql: 'SELECT t.*, t."updated_at"::text AS "__cursor_ts" FROM "crm"."customers" AS t ORDER BY t."updated_at", t."region", t."id" LIMIT $1',
      params: [500],
    });
  });
  it('continues after (timestamp, key) with a row comparison', () => {
    const query = dialect.pageQuery({ ...base, columns: ['name'], start: { kind: 'after', timestamp: '2025-01-01 00:00:00+00', primaryKey: ['eu', 7] } });
    expect(query.sql).toBe(
      'SELECT t."name", t."updated_at"::text AS "__cursor_ts" FROM "crm"."customers" AS t WHERE (t."updated_at", t."region", t."id") > ($1, $2, $3) ORDER BY t."updated_at", t."region", t."id" LIMIT $4',
    );
    expect(query.params).toEqual(['2025-01-01 00:00:00+00', 'eu', 7, 500]);
  });
  it('refuses names that would need quoting tricks', () => {
    expect(() => dialect.pageQuery({ ...base, table: 'x"; drop table y; --', start: { kind: 'start' } })).toThrow(/not a plain/);
  });
});

describe('SqlServerDialect (generated SQL only; not run against a server here)', () => {
  const dialect = new SqlServerDialect();
  it('pages from a since-timestamp with TOP and ISO 8601 cursor text', () => {
    expect(dialect.pageQuery({ ...base, start: { kind: 'since', timestamp: '2025-01-01T00:00:00' } })).toEqual({
      sql: 'SELECT TOP (@p0) t.*, CONVERT(varchar(40), t.[updated_at], 126) AS [__cursor_ts] FROM [crm].[customers] AS t WHERE t.[updated_at] >= @p1 ORDER BY t.[updated_at], t.[region], t.[id]',
      params: [500, '2025-01-01T00:00:00'],
    });
  });
  it('spells the keyset out (no row-value comparison in T-SQL)', () => {
    const query = dialect.pageQuery({ ...base, start: { kind: 'after', timestamp: '2025-01-01T00:00:00.1234567', primaryKey: ['eu', 7] } });
    expect(query.sql).toContain(
      'WHERE (t.[updated_at] > @p1 OR (t.[updated_at] = @p1 AND (t.[region] > @p2 OR (t.[region] = @p2 AND t.[id] > @p3))))',
    );
    expect(query.params).toEqual([500, '2025-01-01T00:00:00.1234567', 'eu', 7]);
  });
});

describe('shiftTimestampText', () => {
  it.each([
    ['2025-01-01 10:00:00.123456+00', -60, '2025-01-01T09:59:00.123Z'],
    ['2025-01-01T10:00:00.1234567', -3600, '2025-01-01T09:00:00.123'],
    ['2025-01-01 10:00:00+02', 0, '2025-01-01T08:00:00.000Z'],
  ])('%s by %i s', (text, seconds, expected) => {
    expect(shiftTimestampText(text, seconds)).toBe(expected);
  });
});
