import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { ConfigurationCache } from '../cache/configuration-cache';

/** Loads the configuration before the service takes traffic, and stops listening on shutdown. */
export class ConfigurationCacheLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly cache: ConfigurationCache,
    private readonly enabled: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.enabled) await this.cache.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.cache.stop();
  }
}
