import type { DataSource, QueryRunner } from 'typeorm';

export interface SqlResult<Row> {
  rows: Row[];
  rowCount: number;
}

/** One statement at a time on a connection (or in a transaction) of the platform's DataSource. */
export interface Sql {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<SqlResult<Row>>;
}

function onRunner(runner: QueryRunner): Sql {
  return {
    query: async <Row>(text: string, params: unknown[] = []) => {
      const result = await runner.query(text, params, true);
      const rows = (result.records ?? []) as Row[];
      return { rows, rowCount: result.affected ?? rows.length };
    },
  };
}

/** Runs single statements on pooled connections, each in its own implicit transaction. */
export function sqlOf(dataSource: DataSource): Sql {
  return {
    query: async <Row>(text: string, params: unknown[] = []) => {
      const runner = dataSource.createQueryRunner();
      try {
        return await onRunner(runner).query<Row>(text, params);
      } finally {
        await runner.release();
      }
    },
  };
}

/**
 * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
 * `work` must only use the Sql it is given (on an embedded Postgres that serialises transactions,
 * waiting for another connection inside a transaction would never end).
 */
export async function inTransaction<T>(dataSource: DataSource, work: (sql: Sql) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    const result = await work(onRunner(runner));
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}
