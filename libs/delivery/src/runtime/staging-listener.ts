import type { Logger } from 'pino';
import type { DataSource, QueryRunner } from 'typeorm';
import { describeError } from '@activation/kafka';
import { stagingChannel } from '../store/staging-channel';

interface Notification {
  channel: string;
  payload?: string;
}

interface NotifyingClient {
  on(event: 'notification', listener: (message: Notification) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  removeAllListeners(event: string): void;
}

/**
 * Listens for rows queued by any replica (NOTIFY from StagingRepository) on one connection of
 * its own, and tells which subscriptions have new rows. If the connection breaks it reconnects;
 * dispatchers also poll, so a missed notification only delays delivery.
 */
export class StagingListener {
  private runner?: QueryRunner;
  private stopped = false;
  private retry?: NodeJS.Timeout;
  private readonly channel: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly onQueued: (subscriptionIds: number[]) => void,
    private readonly logger: Logger,
  ) {
    this.channel = stagingChannel(dataSource);
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.disconnect();
  }

  private async connect(): Promise<void> {
    try {
      const runner = this.dataSource.createQueryRunner();
      const client = (await runner.connect()) as NotifyingClient;
      this.runner = runner;
      client.on('notification', (message) => {
        if (message.channel !== this.channel || !message.payload) return;
        this.onQueued(message.payload.split(',').map(Number).filter(Number.isInteger));
      });
      client.on('error', (error) => {
        this.logger.warn({ reason: describeError(error) }, 'staging listener connection failed; reconnecting');
        void this.disconnect().then(() => this.scheduleReconnect());
      });
      await runner.query(`LISTEN "${this.channel}"`);
    } catch (error) {
      this.logger.warn({ reason: describeError(error) }, 'cannot listen for queued rows; relying on polling until it can');
      await this.disconnect();
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.retry = setTimeout(() => void this.connect(), 2_000);
    this.retry.unref();
  }

  private async disconnect(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    if (!runner || runner.isReleased) return;
    const client = (runner as unknown as { databaseConnection?: NotifyingClient }).databaseConnection;
    await runner.query(`UNLISTEN "${this.channel}"`).catch(() => undefined);
    client?.removeAllListeners('notification');
    await runner.release().catch(() => undefined);
  }
}
