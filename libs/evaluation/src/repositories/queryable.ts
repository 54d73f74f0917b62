/** What the repositories need from TypeORM: a DataSource, or an EntityManager inside a transaction. */
export interface Queryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/** Postgres returns bigint as text; the evaluator's bigint columns hold epoch ms, safe as numbers. */
export function toNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** TypeORM answers UPDATE / DELETE ... RETURNING with [rows, affected]; other queries with rows. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function returnedRows(result: any): any[] {
  const updateShape = Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number';
  return updateShape ? result[0] : result;
}
