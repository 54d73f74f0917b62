import type { Logger } from 'pino';
import type { PullSource } from '../model/pull-source';
import type { PullSourceRepository } from '../repositories/pull-source.repository';
import type { RunTrigger } from '../repositories/source-run.repository';
import type { ConnectorFactory } from './connector-factory';
import type { PullRunner } from './pull-runner';

export interface SourceSchedulerOptions {
  pollMs: number;
  /** How long a claimed source stays leased to this scheduler; a crashed run frees it then. */
  leaseSeconds: number;
}

/**
 * Polls for due sources (interval elapsed, or a run or re-sync requested through the admin
 * API) and runs them one at a time. Several schedulers may poll: a lease keeps each source
 * to one of them.
 */
export class SourceScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly sources: PullSourceRepository,
    private readonly factory: ConnectorFactory,
    private readonly runner: PullRunner,
    private readonly logger: Logger,
    private readonly options: SourceSchedulerOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Runs every due source once; returns how many ran. */
  async runDue(): Promise<number> {
    let count = 0;
    while (!this.stopped) {
      const source = await this.sources.claimDue(this.options.leaseSeconds);
      if (!source) break;
      count += 1;
      await this.runClaimed(source);
    }
    return count;
  }

  private async runClaimed(source: PullSource): Promise<void> {
    const trigger: RunTrigger = source.resyncRequested ? 'resync' : source.runRequestedAt ? 'manual' : 'schedule';
    try {
      await this.runner.run(source, this.factory.create(source), trigger);
    } catch (error) {
      this.logger.error({ sourceId: source.id, reason: (error as Error).message }, 'pull source could not be run');
    } finally {
      await this.sources.release(source.id).catch(() => undefined);
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runDue()
        .then(() => undefined)
        .catch((error) => this.logger.error({ reason: (error as Error).message }, 'pull source poll failed'))
        .finally(() => this.schedule(this.options.pollMs));
    }, delayMs);
  }
}
