import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { ApiKeyRepository, ConfigurationWriter } from '@activation/configuration';
import { ROOT_LOGGER } from '@activation/service-runtime';
import { BootstrapAdminKey } from './bootstrap-admin-key';

export const ADMIN_BOOTSTRAP_KEY = Symbol('ADMIN_BOOTSTRAP_KEY');

@Injectable()
export class BootstrapAdminKeyOnStart implements OnApplicationBootstrap {
  constructor(
    private readonly writer: ConfigurationWriter,
    private readonly keys: ApiKeyRepository,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    @Inject(ADMIN_BOOTSTRAP_KEY) private readonly rawKey: string | undefined,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await new BootstrapAdminKey(this.writer, this.keys, this.logger).ensure(this.rawKey);
  }
}
