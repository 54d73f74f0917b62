import type { EvaluationLogger } from './evaluation-logger';

/**
 * Runs `work` every `intervalMs`, never overlapping itself. When `work` reports it did a full
 * unit (returns true) it runs again at once, so a backlog drains without waiting for the timer.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<boolean>,
    private readonly logger: EvaluationLogger,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Runs once now (tests), waiting for a run already in progress first. */
  async runNow(): Promise<void> {
    await this.running;
    this.running = this.runLoop(true);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runLoop(false).finally(() => this.schedule(this.intervalMs));
    }, delayMs);
    this.timer.unref?.();
  }

  private async runLoop(evenWhenStopped: boolean): Promise<void> {
    try {
      let more = true;
      while (more && (evenWhenStopped || !this.stopped)) more = await this.work();
    } catch (error) {
      this.logger.warn({ task: this.name, reason: (error as Error).message }, 'periodic task failed; will retry');
    }
  }
}
