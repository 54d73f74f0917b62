import type { QueuedRow } from '../model/delivery-row';
import type { RunRepository, RunTrigger } from '../store/run-repository';

export interface RunLimits {
  /** A run closes this long after it opened. */
  intervalMs: number;
  /** ...or once it has sent this many rows. */
  maxRows: number;
}

/**
 * The open sync run of one subscription. A run opens with the first call after the previous
 * one closed, and closes after its interval or row count, or when a replay starts or ends.
 * A call belongs to the run it started in, even if the run closes while it is in flight.
 */
export class RunTracker {
  private current?: { runId: number; openedAt: number; rows: number };
  private nextTrigger: RunTrigger = 'changes';

  constructor(
    private readonly subscriptionId: number,
    private readonly repository: RunRepository,
    private readonly limits: RunLimits,
  ) {}

  get runId(): number | undefined {
    return this.current?.runId;
  }

  /** Makes sure a run is open for the next call (closing an expired one first); returns its id. */
  async prepare(now = Date.now()): Promise<number> {
    if (this.current && this.expired(now)) await this.close(this.current.rows >= this.limits.maxRows ? 'row limit' : 'interval');
    if (!this.current) {
      const { runId } = await this.repository.open(this.subscriptionId, this.nextTrigger);
      this.current = { runId, openedAt: now, rows: 0 };
    }
    return this.current.runId;
  }

  /** Counts a call's rows into the open run (call `prepare` first); no waiting, so a call starts at once. */
  claim(rows: readonly QueuedRow[]): number | undefined {
    if (!this.current) return undefined;
    this.current.rows += rows.length;
    return this.current.runId;
  }

  /** What the next run opened is about (from the rows about to be sent). */
  expect(rows: readonly QueuedRow[]): void {
    this.nextTrigger = triggerOf(rows);
  }

  async closeIfExpired(now = Date.now()): Promise<void> {
    if (this.current && this.expired(now)) await this.close('interval');
  }

  async close(reason: string): Promise<void> {
    const run = this.current;
    this.current = undefined;
    if (run) await this.repository.close(this.subscriptionId, run.runId, reason);
  }

  private expired(now: number): boolean {
    return !!this.current && (now - this.current.openedAt >= this.limits.intervalMs || this.current.rows >= this.limits.maxRows);
  }
}

function triggerOf(rows: readonly QueuedRow[]): RunTrigger {
  if (rows.some((row) => row.origin === 'replay')) return 'replay';
  if (rows.some((row) => row.origin === 'snapshot')) return 'snapshot';
  return 'changes';
}
