import { backoffDelay, sleep } from '@activation/kafka';
import type { Logger } from 'pino';
import { emptyCompletion, isEmptyCompletion, mergeCompletion, type CompletionBatch } from '../store/completion';
import type { CompletionRepository } from '../store/completion-repository';

/**
 * Writes call outcomes, coalescing the outcomes that finish while a write is in progress into
 * the next write: one transaction per call when calls are few, one per many when they are
 * many. A failed write is retried until it succeeds (the rows stay held by their dispatcher
 * meanwhile, so they are not sent again); `write` resolves once its outcome is committed.
 */
export class CompletionWriter {
  private pending = emptyCompletion();
  private waiters: Array<() => void> = [];
  private flushing?: Promise<void>;

  constructor(
    private readonly repository: CompletionRepository,
    private readonly logger: Logger,
  ) {}

  write(batch: CompletionBatch): Promise<void> {
    if (isEmptyCompletion(batch)) return Promise.resolve();
    mergeCompletion(this.pending, batch);
    const done = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.flushing ??= this.flushLoop().finally(() => (this.flushing = undefined));
    return done;
  }

  /** Resolves when everything written so far is committed. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushLoop(): Promise<void> {
    while (!isEmptyCompletion(this.pending)) {
      const batch = this.pending;
      const waiters = this.waiters;
      this.pending = emptyCompletion();
      this.waiters = [];
      for (let attempt = 1; ; attempt += 1) {
        try {
          await this.repository.apply(batch);
          break;
        } catch (error) {
          this.logger.warn({ attempt, reason: (error as Error).message }, 'writing call outcomes failed; retrying');
          await sleep(backoffDelay(attempt, { initialMs: 200, maxMs: 5_000 }));
        }
      }
      waiters.forEach((resolve) => resolve());
    }
  }
}
