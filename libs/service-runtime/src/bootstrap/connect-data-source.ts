import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { sleep } from '@activation/kafka';

/** Postgres may start after the service (compose, Kubernetes): wait for it a while, then give up. */
export async function connectDataSource(dataSource: DataSource, logger: Logger, attempts = 30): Promise<DataSource> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await dataSource.initialize();
    } catch (error) {
      if (attempt >= attempts) throw error;
      logger.warn({ attempt, reason: (error as Error).message }, 'Postgres not reachable yet, retrying');
      await sleep(Math.min(5_000, 250 * attempt));
    }
  }
}
