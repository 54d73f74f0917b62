import pino from 'pino';
import type { DataSource } from 'typeorm';
import { DeliveryEngine, deliveryOptions, type DeliverySubscription } from '@activation/delivery';
import { createDataSource } from '@activation/persistence';
import { BlobExportAdapter } from '../adapter/blob-export-adapter';
import { StaticDirectory } from './static-directory';

export interface RunningExportEngine {
  engine: DeliveryEngine;
  dataSource: DataSource;
  stop(): Promise<void>;
}

/** The delivery engine with the Blob export adapter on a schema: emitter-lytics' export path without Kafka and Nest. */
export async function startExportEngine(input: {
  databaseUrl: string; schema: string; subscriptions: DeliverySubscription[]; workerId: string; logLevel?: string;
}): Promise<RunningExportEngine> {
  const dataSource = createDataSource({ url: input.databaseUrl, schema: input.schema, poolSize: 6, applicationName: 'blob-export-spec' });
  await dataSource.initialize();
  const logger = pino({ level: input.logLevel ?? 'silent' });
  const engine = new DeliveryEngine({
    dataSource,
    directory: new StaticDirectory(input.subscriptions),
    adapter: new BlobExportAdapter({ dataSource, logger, requestTimeoutMs: 2_000 }),
    options: deliveryOptions({
      service: 'blob-export-spec', workerId: input.workerId, leaseTtlMs: 5_000, leaseRenewMs: 1_000, idlePollMs: 300,
      backoff: { initialMs: 100, maxMs: 1_000 },
    }),
    logger,
  });
  await engine.start();
  return {
    engine,
    dataSource,
    stop: async () => {
      await engine.stop();
      await dataSource.destroy();
    },
  };
}
