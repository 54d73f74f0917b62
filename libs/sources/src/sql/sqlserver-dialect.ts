import { CURSOR_COLUMN, checkIdentifier, type PageQuerySpec, type SqlDialect, type SqlQuery } from './sql-dialect';

/**
 * SQL Server / Azure SQL (for the `mssql` client, parameters `@p0`, `@p1`…): no row-value
 * comparison, so the keyset is spelled out; the timestamp is read back in ISO 8601 (style 126).
 */
export class SqlServerDialect implements SqlDialect {
  readonly name = 'sqlserver' as const;

  quote(identifier: string): string {
    return `[${checkIdentifier(identifier)}]`;
  }

  pageQuery(spec: PageQuerySpec): SqlQuery {
    const ts = `t.${this.quote(spec.timestampColumn)}`;
    const keys = spec.primaryKey.map((column) => `t.${this.quote(column)}`);
    const columns = spec.columns ? spec.columns.map((column) => `t.${this.quote(column)}`).join(', ') : 't.*';
    const table = spec.schema ? `${this.quote(spec.schema)}.${this.quote(spec.table)}` : this.quote(spec.table);
    const params: unknown[] = [spec.limit];
    let where = '';
    if (spec.start.kind === 'since') {
      params.push(spec.start.timestamp);
      where = `WHERE ${ts} >= @p1`;
    } else if (spec.start.kind === 'after') {
      params.push(spec.start.timestamp, ...spec.start.primaryKey);
      const names = params.slice(1).map((_, i) => `@p${i + 1}`);
      where = `WHERE ${keysetAfter([ts, ...keys], names)}`;
    }
    return {
      sql: `SELECT TOP (@p0) ${columns}, CONVERT(varchar(40), ${ts}, 126) AS [${CURSOR_COLUMN}] FROM ${table} AS t ${where} ORDER BY ${[ts, ...keys].join(', ')}`
        .replace(/\s+/g, ' '),
      params,
    };
  }
}

/** (a, b, c) > (x, y, z) as a > x OR (a = x AND (b > y OR (b = y AND c > z))). */
function keysetAfter(columns: string[], names: string[]): string {
  const [column, ...restColumns] = columns;
  const [name, ...restNames] = names;
  if (restColumns.length === 0) return `${column} > ${name}`;
  return `(${column} > ${name} OR (${column} = ${name} AND ${keysetAfter(restColumns, restNames)}))`;
}
