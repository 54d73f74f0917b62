import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { IdempotencyStore } from '../idempotency/idempotency-store';

/** Deletes expired idempotency keys now and then, so the table holds about one TTL of keys. */
export class IdempotencyPurger implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly logger: Logger,
    private readonly intervalMs = 10 * 60 * 1000,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.store.purgeExpired().then(
        (deleted) => deleted > 0 && this.logger.debug({ deleted }, 'expired idempotency keys purged'),
        (error) => this.logger.warn({ reason: (error as Error).message }, 'purging idempotency keys failed'),
      );
    }, this.intervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
