import type { DeliveryLimits } from '../model/delivery-adapter';
import { SlidingWindow } from './sliding-window';

/** What holds a call back: the rate window, every slot busy, or a destination's Retry-After. */
export type WaitCause = 'rate' | 'concurrency' | 'retry-after';

/**
 * One level of limits (a destination, or one subscription): a rate over a sliding window,
 * a number of calls at once, and a pause asked for by the destination (Retry-After).
 */
export class LimitLayer {
  private rate?: SlidingWindow;
  private concurrency?: number;
  private inUse = 0;
  private pausedUntil = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    limits: DeliveryLimits,
    private readonly windowMs: number,
  ) {
    this.update(limits);
  }

  update(limits: DeliveryLimits): void {
    if (limits.ratePerSecond === undefined) this.rate = undefined;
    else if (this.rate) this.rate.setLimit(limits.ratePerSecond);
    else this.rate = new SlidingWindow(limits.ratePerSecond, this.windowMs);
    this.concurrency = limits.concurrency;
    this.changed();
  }

  /** Milliseconds until this layer allows a call; Infinity while every slot is busy (wait for a release). */
  waitMs(now: number): number {
    if (this.concurrency !== undefined && this.inUse >= this.concurrency) return Infinity;
    return Math.max(this.pausedUntil - now, this.rate?.waitMs(now) ?? 0, 0);
  }

  /** Why `waitMs` is not 0 (the longest of the reasons); undefined when a call may start. */
  waitCause(now: number): WaitCause | undefined {
    if (this.concurrency !== undefined && this.inUse >= this.concurrency) return 'concurrency';
    const paused = this.pausedUntil - now;
    const rate = this.rate?.waitMs(now) ?? 0;
    if (paused <= 0 && rate <= 0) return undefined;
    return paused >= rate ? 'retry-after' : 'rate';
  }

  take(now: number): void {
    this.inUse += 1;
    this.rate?.record(now);
  }

  release(): void {
    this.inUse -= 1;
    this.changed();
  }

  /** Undoes `take` for a call that was not made. */
  cancel(at: number): void {
    this.rate?.cancel(at);
    this.release();
  }

  pauseUntil(monotonicMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, monotonicMs);
  }

  get active(): number {
    return this.inUse;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
