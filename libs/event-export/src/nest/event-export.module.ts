import { type DynamicModule, Inject, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { loadConfig, type PlatformSettings } from '@activation/config';
import { SecretCipher, SecretKeyring } from '@activation/configuration';
import { MESSAGE_BUS, type MessageBus } from '@activation/kafka';
import { DATA_SOURCE, ROOT_LOGGER, SERVICE_NAME } from '@activation/service-runtime';
import { EventIntake } from '../intake/event-intake';
import { ExportRunner } from '../runner/export-runner';
import { ExportScheduler } from '../runner/export-scheduler';
import { EventExportSettings } from '../settings/event-export-settings';
import { ExportEventRepository } from '../store/export-event.repository';
import { ExportStateRepository } from '../store/export-state.repository';

const SETTINGS = Symbol('EVENT_EXPORT_SETTINGS');

/**
 * Behavioral-event exports to Blob storage inside the hosting service: the intake consumer keeps
 * events for export and the scheduler writes each due export's file. Needs ServiceRuntimeModule.
 */
@Module({})
export class EventExportModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(SETTINGS) private readonly settings: EventExportSettings,
    private readonly intake: EventIntake,
    private readonly scheduler: ExportScheduler,
  ) {}

  /** `settings` are the hosting service's; the exporter's own variables are read from the same values. */
  static forRoot(settings: PlatformSettings): DynamicModule {
    const own = loadConfig(EventExportSettings, settings as unknown as NodeJS.ProcessEnv);
    return {
      module: EventExportModule,
      providers: [
        { provide: SETTINGS, useValue: own },
        { provide: ExportEventRepository, useFactory: (dataSource: DataSource) => new ExportEventRepository(dataSource), inject: [DATA_SOURCE] },
        { provide: ExportStateRepository, useFactory: (dataSource: DataSource) => new ExportStateRepository(dataSource), inject: [DATA_SOURCE] },
        {
          provide: EventIntake,
          useFactory: (bus: MessageBus, events: ExportEventRepository, service: string, logger: Logger) =>
            new EventIntake(bus, events, {
              topic: own.PROFILE_INPUTS_TOPIC, groupId: own.EVENT_EXPORT_GROUP_ID, service, partitions: settings.KAFKA_TOPIC_PARTITIONS,
              maxAttempts: settings.KAFKA_HANDLER_MAX_ATTEMPTS,
            }, logger.child({ component: 'event-export-intake' })),
          inject: [MESSAGE_BUS, ExportEventRepository, SERVICE_NAME, ROOT_LOGGER],
        },
        {
          provide: ExportScheduler,
          useFactory: (dataSource: DataSource, events: ExportEventRepository, states: ExportStateRepository, service: string, root: Logger) => {
            const logger = root.child({ component: 'event-export' });
            const runner = new ExportRunner({
              events, states, logger, retryDelayMs: own.EVENT_EXPORT_RETRY_MS, leaseMs: own.EVENT_EXPORT_LEASE_MS,
              leaseRenewMs: Math.max(500, Math.floor(own.EVENT_EXPORT_LEASE_MS / 3)),
            });
            return new ExportScheduler({
              dataSource, cipher: new SecretCipher(SecretKeyring.fromSettings(own)), runner, events, states, logger,
              owner: `${service}:${settings.SERVICE_INSTANCE}:${process.pid}`, tickMs: own.EVENT_EXPORT_TICK_MS,
              leaseMs: own.EVENT_EXPORT_LEASE_MS, retentionDays: own.EVENT_EXPORT_RETENTION_DAYS,
            });
          },
          inject: [DATA_SOURCE, ExportEventRepository, ExportStateRepository, SERVICE_NAME, ROOT_LOGGER],
        },
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.EVENT_EXPORT_ENABLED) return;
    await this.intake.start();
    this.scheduler.start();
  }

  /** Before the runtime closes the bus and the database (on application shutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.scheduler.stop();
    await this.intake.stop();
  }
}
