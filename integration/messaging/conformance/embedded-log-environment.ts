import type { DataSource } from 'typeorm';
import { EmbeddedLogBus } from '@activation/embedded-log';
import { createDataSource } from '@activation/persistence';
import type { ConformanceEnvironment } from './conformance-environment';

/** Short rounds and leases, so membership changes settle within a second or two. */
export const TEST_TIMINGS = { pollIntervalMs: 100, heartbeatIntervalMs: 200, leaseMs: 3_000 };

/** Every bus gets a DataSource of its own on the same schema, as separate service processes would. */
export function embeddedLogEnvironment(url: string, schema: string, release: () => Promise<void>): ConformanceEnvironment {
  const dataSources: DataSource[] = [];
  return {
    createBus: async (name, options = {}) => {
      const dataSource = createDataSource({ url, schema, poolSize: 4, applicationName: `conformance-${name}` });
      dataSources.push(dataSource);
      await dataSource.initialize();
      return new EmbeddedLogBus({
        dataSource, clientId: name, defaultPartitions: 3, maxAttempts: 3,
        backoff: { initialMs: 20, maxMs: 200 }, timings: TEST_TIMINGS, deadLetters: options.deadLetters,
      });
    },
    dispose: async () => {
      await Promise.all(dataSources.map((dataSource) => (dataSource.isInitialized ? dataSource.destroy() : undefined)));
      await release();
    },
  };
}
