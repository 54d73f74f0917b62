import { type DynamicModule, Global, type InjectionToken, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { MESSAGE_BUS, type MessageBus } from '@activation/kafka';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { ConfigurationCache } from '../cache/configuration-cache';
import { ConfigChangePublisher } from '../changes/config-change-publisher';
import { ConfigurationWriter } from '../changes/configuration-writer';
import { ApiKeyRepository } from '../repositories/api-key.repository';
import { AudienceRepository } from '../repositories/audience.repository';
import { AuditRepository } from '../repositories/audit.repository';
import { DestinationRepository } from '../repositories/destination.repository';
import { SubscriptionRepository } from '../repositories/subscription.repository';
import { WebhookSourceRepository } from '../repositories/webhook-source.repository';
import { SecretRotation } from '../secrets/secret-rotation';
import { SecretCipher } from '../secrets/secret-cipher';
import { SecretKeyring } from '../secrets/secret-keyring';
import type { ConfigurationSettings } from '../settings/configuration-settings';
import { DestinationTesterRegistry } from '../testers/destination-tester';
import { ConfigurationCacheLifecycle } from './configuration-cache.lifecycle';
import { CONFIGURATION_SETTINGS } from './tokens';

export interface ConfigurationModuleOptions {
  serviceName: string;
  settings: ConfigurationSettings;
  /** The runtime's DataSource and root logger tokens (ServiceRuntimeModule's DATA_SOURCE, ROOT_LOGGER). */
  dataSourceToken: InjectionToken;
  loggerToken: InjectionToken;
  /** Start the cache (load + listen to config-changes) with the application; default true. */
  startCache?: boolean;
}

const REPOSITORIES = [ApiKeyRepository, AudienceRepository, DestinationRepository, SubscriptionRepository, WebhookSourceRepository, AuditRepository];

/**
 * Configuration for a service: repositories, the secret cipher, the writer that audits and
 * publishes changes, the cache, and the API-key guard. Global, so `@UseGuards(ApiKeyGuard)`
 * resolves in any module.
 */
@Global()
@Module({})
export class ConfigurationModule {
  static forRoot(options: ConfigurationModuleOptions): DynamicModule {
    const { settings, dataSourceToken, loggerToken } = options;
    return {
      module: ConfigurationModule,
      providers: [
        { provide: CONFIGURATION_SETTINGS, useValue: settings },
        { provide: SecretCipher, useFactory: () => new SecretCipher(SecretKeyring.fromSettings(settings)) },
        ...REPOSITORIES.map((repository) => ({
          provide: repository,
          useFactory: (dataSource: DataSource) => new repository(dataSource),
          inject: [dataSourceToken],
        })),
        {
          provide: ConfigChangePublisher,
          useFactory: (bus: MessageBus) => new ConfigChangePublisher(bus, settings.CONFIG_CHANGES_TOPIC),
          inject: [MESSAGE_BUS],
        },
        {
          provide: ConfigurationWriter,
          useFactory: (dataSource: DataSource, publisher: ConfigChangePublisher, logger: Logger) =>
            new ConfigurationWriter(dataSource, publisher, logger.child({ component: 'configuration' })),
          inject: [dataSourceToken, ConfigChangePublisher, loggerToken],
        },
        {
          provide: ConfigurationCache,
          useFactory: (dataSource: DataSource, bus: MessageBus, cipher: SecretCipher, logger: Logger) =>
            new ConfigurationCache(dataSource, bus, cipher, logger.child({ component: 'configuration-cache' }), {
              serviceName: options.serviceName,
              instance: settings.SERVICE_INSTANCE,
              topic: settings.CONFIG_CHANGES_TOPIC,
              refreshIntervalMs: settings.CONFIG_CACHE_REFRESH_MS,
              apiKeyTtlMs: settings.API_KEY_CACHE_TTL_MS,
            }),
          inject: [dataSourceToken, MESSAGE_BUS, SecretCipher, loggerToken],
        },
        {
          provide: SecretRotation,
          useFactory: (dataSource: DataSource, cipher: SecretCipher, writer: ConfigurationWriter) => new SecretRotation(dataSource, cipher, writer),
          inject: [dataSourceToken, SecretCipher, ConfigurationWriter],
        },
        {
          provide: ConfigurationCacheLifecycle,
          useFactory: (cache: ConfigurationCache) => new ConfigurationCacheLifecycle(cache, options.startCache ?? true),
          inject: [ConfigurationCache],
        },
        ApiKeyGuard,
        DestinationTesterRegistry,
      ],
      exports: [
        CONFIGURATION_SETTINGS, SecretCipher, ...REPOSITORIES, ConfigChangePublisher, ConfigurationWriter, ConfigurationCache,
        SecretRotation, ApiKeyGuard, DestinationTesterRegistry,
      ],
    };
  }
}
