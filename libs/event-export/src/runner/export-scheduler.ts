import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { secretOwner, type SecretCipher } from '@activation/configuration';
import { loadExportDestinations } from '../store/export-destinations';
import type { ExportEventRepository } from '../store/export-event.repository';
import type { ExportStateRepository } from '../store/export-state.repository';
import { resolveExportJob } from './export-job';
import type { ExportRunner, RunResult } from './export-runner';

const HOUR = 3_600_000;

export interface ExportSchedulerOptions {
  dataSource: DataSource;
  cipher: SecretCipher;
  runner: ExportRunner;
  events: ExportEventRepository;
  states: ExportStateRepository;
  logger: Logger;
  /** This replica's name in leases. */
  owner: string;
  tickMs: number;
  leaseMs: number;
  retentionDays: number;
  clock?: () => Date;
}

/**
 * Every tick: reads the enabled event exports, runs each one that is due and not leased by another
 * replica, one after another, and once an hour deletes events past the retention.
 */
export class ExportScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopping = false;
  private retentionAt = 0;
  /** Aborts a run in progress when the service stops; the run keeps its watermark and is due again at once. */
  private abort = new AbortController();

  constructor(private readonly options: ExportSchedulerOptions) {}

  start(): void {
    this.stopping = false;
    this.abort = new AbortController();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort.abort();
    await this.running;
  }

  /** Runs what is due now; returns each run's result by destination id. */
  async tick(): Promise<Map<string, RunResult>> {
    const { states, runner, logger, owner, leaseMs } = this.options;
    const now = this.now();
    const destinations = await loadExportDestinations(this.options.dataSource);
    await states.ensure(destinations.map((destination) => destination.id), now);
    const results = new Map<string, RunResult>();
    for (const destination of destinations) {
      if (this.stopping) break;
      const resolved = resolveExportJob(destination);
      if (!resolved.ok) {
        const problem = `settings are not valid: ${resolved.problems.join('; ')}`;
        logger.error({ destinationId: destination.id }, problem);
        await states.note(destination.id, problem);
        continue;
      }
      // Read again for each export: the runs before it in this tick may have taken a while.
      const startedAt = this.now();
      const claim = await states.claim(destination.id, owner, startedAt, leaseMs);
      if (!claim) continue;
      let secrets: Record<string, string>;
      try {
        secrets = this.options.cipher.decryptAll(destination.secrets, secretOwner.destination(destination.id));
      } catch (error) {
        const reason = `secrets cannot be read: ${(error as Error).message}`;
        await states.fail(claim, reason, new Date(startedAt.getTime() + HOUR));
        results.set(destination.id, { status: 'failed', error: reason });
        continue;
      }
      results.set(destination.id, await runner.run(resolved.job, claim, {
        connectionString: secrets['connectionString'], ...(secrets['pgpPublicKey'] ? { pgpPublicKey: secrets['pgpPublicKey'] } : {}),
      }, startedAt, this.abort.signal));
    }
    await this.applyRetention(now);
    return results;
  }

  private async applyRetention(now: Date): Promise<void> {
    if (now.getTime() - this.retentionAt < HOUR) return;
    this.retentionAt = now.getTime();
    const cutoff = new Date(now.getTime() - this.options.retentionDays * 24 * HOUR);
    let removed = 0;
    for (let deleted = -1; deleted !== 0 && !this.stopping; ) {
      deleted = await this.options.events.deleteStoredBefore(cutoff);
      removed += deleted;
    }
    if (removed > 0) this.options.logger.info({ removed, cutoff }, 'exported-event retention applied');
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((error) => this.options.logger.error({ reason: (error as Error).message }, 'event export tick failed'))
        .finally(() => {
          if (!this.stopping) this.schedule(this.options.tickMs);
        });
    }, delayMs);
  }

  private now(): Date {
    return this.options.clock ? this.options.clock() : new Date();
  }
}
