import { type DynamicModule, Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@activation/config';
import { SecretCipher } from '@activation/configuration';
import { MESSAGE_BUS, type MessageBus } from '@activation/kafka';
import { DATA_SOURCE, ROOT_LOGGER } from '@activation/service-runtime';
import { ConnectorFactory } from '../engine/connector-factory';
import { PullRunner } from '../engine/pull-runner';
import { SourceScheduler } from '../engine/source-scheduler';
import { KnownRecordRepository } from '../repositories/known-record.repository';
import { PullSourceRepository } from '../repositories/pull-source.repository';
import { SourceRunRepository } from '../repositories/source-run.repository';
import { SourcesSettings } from './sources-settings';

export interface SourcesModuleOptions {
  /** Where profile changes go (the ingester's PROFILE_INPUTS_TOPIC). */
  profileInputsTopic: string;
}

class SchedulerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(SourceScheduler) private readonly scheduler: SourceScheduler, private readonly enabled: boolean) {}
  onApplicationBootstrap(): void {
    if (this.enabled) this.scheduler.start();
  }
  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
  }
}

/** Runs pull sources on their schedule inside the hosting service (the ingester). */
@Module({})
export class SourcesModule {
  static forRoot(options: SourcesModuleOptions): DynamicModule {
    const settings = loadConfig(SourcesSettings);
    return {
      module: SourcesModule,
      providers: [
        { provide: PullSourceRepository, useFactory: (ds: DataSource) => new PullSourceRepository(ds), inject: [DATA_SOURCE] },
        { provide: SourceRunRepository, useFactory: (ds: DataSource) => new SourceRunRepository(ds), inject: [DATA_SOURCE] },
        { provide: KnownRecordRepository, useFactory: (ds: DataSource) => new KnownRecordRepository(ds), inject: [DATA_SOURCE] },
        { provide: ConnectorFactory, useFactory: (cipher: SecretCipher) => new ConnectorFactory(cipher), inject: [SecretCipher] },
        {
          provide: PullRunner,
          useFactory: (dataSource: DataSource, bus: MessageBus, sources: PullSourceRepository, runs: SourceRunRepository, records: KnownRecordRepository, root: Logger) =>
            new PullRunner({ dataSource, bus, topic: options.profileInputsTopic, sources, runs, records, logger: root.child({ component: 'pull-sources' }) }),
          inject: [DATA_SOURCE, MESSAGE_BUS, PullSourceRepository, SourceRunRepository, KnownRecordRepository, ROOT_LOGGER],
        },
        {
          provide: SourceScheduler,
          useFactory: (sources: PullSourceRepository, factory: ConnectorFactory, runner: PullRunner, root: Logger) =>
            new SourceScheduler(sources, factory, runner, root.child({ component: 'pull-source-scheduler' }), {
              pollMs: settings.SOURCES_POLL_MS, leaseSeconds: settings.SOURCES_LEASE_SECONDS,
            }),
          inject: [PullSourceRepository, ConnectorFactory, PullRunner, ROOT_LOGGER],
        },
        {
          provide: SchedulerLifecycle,
          useFactory: (scheduler: SourceScheduler) => new SchedulerLifecycle(scheduler, settings.SOURCES_SCHEDULER_ENABLED),
          inject: [SourceScheduler],
        },
      ],
      exports: [PullSourceRepository, SourceRunRepository, ConnectorFactory],
    };
  }
}
