import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, ROOT_LOGGER } from '@activation/service-runtime';
import type { BlobExportAdapter } from '../adapter/blob-export-adapter';

const BOUND_ADAPTER = Symbol('BLOB_EXPORT_BOUND_ADAPTER');

/** Gives the adapter handed to DeliveryModule the service's DataSource and logger. Needs ServiceRuntimeModule. */
@Module({})
export class BlobExportModule {
  static forAdapter(adapter: BlobExportAdapter): DynamicModule {
    return {
      module: BlobExportModule,
      providers: [
        {
          provide: BOUND_ADAPTER,
          useFactory: (dataSource: DataSource, logger: Logger) => adapter.bind(dataSource, logger.child({ component: 'blob-export' })),
          inject: [DATA_SOURCE, ROOT_LOGGER],
        },
      ],
      exports: [BOUND_ADAPTER],
    };
  }
}
