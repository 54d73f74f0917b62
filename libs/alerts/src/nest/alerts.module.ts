import { type DynamicModule, Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@activation/config';
import { SecretCipher } from '@activation/configuration';
import { AddressPolicy } from '@activation/function-destination';
import { DATA_SOURCE, ROOT_LOGGER } from '@activation/service-runtime';
import { AlertEvaluator } from '../evaluation/alert-evaluator';
import { AlertSettings } from './alert-settings';

const SETTINGS = Symbol('ALERT_SETTINGS');

@Injectable()
class AlertEvaluatorLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly evaluator: AlertEvaluator,
    @Inject(SETTINGS) private readonly settings: AlertSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.ALERTS_ENABLED) this.evaluator.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.evaluator.stop();
  }
}

/**
 * Judges the alert rules of every subscription and notifies their channels. Import it in the
 * delivery services (beside ServiceRuntimeModule and ConfigurationModule); settings come from
 * the environment (`ALERTS_*`).
 */
@Module({})
export class AlertsModule {
  static forRoot(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    const settings = loadConfig(AlertSettings, env);
    const policy = AddressPolicy.fromSetting(settings.DELIVERY_ALLOWED_PRIVATE_NETWORKS);
    return {
      module: AlertsModule,
      providers: [
        { provide: SETTINGS, useValue: settings },
        {
          provide: AlertEvaluator,
          useFactory: (dataSource: DataSource, cipher: SecretCipher, logger: Logger) =>
            new AlertEvaluator({
              dataSource,
              cipher,
              policy,
              logger: logger.child({ component: 'alerts' }),
              options: { intervalMs: settings.ALERTS_EVALUATION_INTERVAL_MS, sendTimeoutMs: settings.ALERTS_SEND_TIMEOUT_MS },
            }),
          inject: [DATA_SOURCE, SecretCipher, ROOT_LOGGER],
        },
        AlertEvaluatorLifecycle,
      ],
      exports: [AlertEvaluator],
    };
  }
}
