import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { DataSource } from 'typeorm';
import type { PlatformSettings } from '@activation/config';
import { MESSAGE_BUS, type MessageBus } from '@activation/kafka';
import { DATA_SOURCE, SETTINGS } from '../tokens/tokens';

/** The readiness check of the message bus is named after the bus in use. */
function busIndicatorName(settings: Pick<PlatformSettings, 'MESSAGE_BUS'>): string {
  return settings.MESSAGE_BUS === 'embedded' ? 'embedded-log' : 'kafka';
}

/** Liveness says the process runs; readiness says it can reach the message bus and Postgres right now. */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: PlatformSettings,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.messageBus(), () => this.postgres()]);
  }

  private async messageBus() {
    const session = this.indicators.check(busIndicatorName(this.settings));
    try {
      await this.bus.ping(2_000);
      return session.up();
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }

  private async postgres() {
    const session = this.indicators.check('postgres');
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), 2_000);
      return session.up();
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
