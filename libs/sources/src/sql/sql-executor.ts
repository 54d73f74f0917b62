import { Client } from 'pg';
import { SourceRunError } from '../engine/source-page';

/** Runs one query on the source database (one dialect, one client library). */
export interface SqlExecutor {
  query(sql: string, params: unknown[]): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

/** PostgreSQL through `pg`, with the query timeout enforced by the server (statement_timeout). */
export class PostgresExecutor implements SqlExecutor {
  private client: Client | undefined;

  constructor(private readonly connectionString: string, private readonly queryTimeoutMs: number) {}

  async query(sql: string, params: unknown[]): Promise<Array<Record<string, unknown>>> {
    if (!this.client) {
      const client = new Client({
        connectionString: this.connectionString,
        statement_timeout: this.queryTimeoutMs,
        query_timeout: this.queryTimeoutMs + 5_000,
        application_name: 'activation-pull-source',
      });
      try {
        await client.connect();
      } catch (error) {
        await client.end().catch(() => undefined);
        throw new SourceRunError(`cannot connect with the secret connectionString: ${(error as Error).message}`, 'ConnectionFailed');
      }
      this.client = client;
    }
    const result = await this.client.query(sql, params);
    return result.rows as Array<Record<string, unknown>>;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
