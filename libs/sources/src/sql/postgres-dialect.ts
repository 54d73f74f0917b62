import { CURSOR_COLUMN, checkIdentifier, type PageQuerySpec, type SqlDialect, type SqlQuery } from './sql-dialect';

/** PostgreSQL: row-value comparison gives the keyset in one index-friendly predicate. */
export class PostgresDialect implements SqlDialect {
  readonly name = 'postgres' as const;

  quote(identifier: string): string {
    return `"${checkIdentifier(identifier)}"`;
  }

  pageQuery(spec: PageQuerySpec): SqlQuery {
    const ts = `t.${this.quote(spec.timestampColumn)}`;
    const keys = spec.primaryKey.map((column) => `t.${this.quote(column)}`);
    const columns = spec.columns ? spec.columns.map((column) => `t.${this.quote(column)}`).join(', ') : 't.*';
    const table = spec.schema ? `${this.quote(spec.schema)}.${this.quote(spec.table)}` : this.quote(spec.table);
    const params: unknown[] = [];
    let where = '';
    if (spec.start.kind === 'since') {
      params.push(spec.start.timestamp);
      where = `WHERE ${ts} >= $1`;
    } else if (spec.start.kind === 'after') {
      params.push(spec.start.timestamp, ...spec.start.primaryKey);
      where = `WHERE (${ts}, ${keys.join(', ')}) > (${params.map((_, i) => `$${i + 1}`).join(', ')})`;
    }
    params.push(spec.limit);
    return {
      sql: `SELECT ${columns}, ${ts}::text AS "${CURSOR_COLUMN}" FROM ${table} AS t ${where} ORDER BY ${[ts, ...keys].join(', ')} LIMIT $${params.length}`
        .replace(/\s+/g, ' '),
      params,
    };
  }
}
