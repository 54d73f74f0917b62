/**
 * At most `limit` starts in any window of `windowMs`. Unlike a token bucket (which lets a full
 * bucket plus its refill through in one second, up to twice the rate), no window ever holds more.
 */
export class SlidingWindow {
  private starts: number[] = [];

  constructor(
    private limit: number,
    private readonly windowMs: number,
  ) {}

  setLimit(limit: number): void {
    this.limit = limit;
  }

  /** Milliseconds until another start is allowed; 0 when one is allowed now. */
  waitMs(now: number): number {
    this.prune(now);
    if (this.starts.length < this.limit) return 0;
    return Math.max(1, this.starts[this.starts.length - this.limit] + this.windowMs - now);
  }

  record(now: number): void {
    this.starts.push(now);
  }

  /** Gives back a start that did not happen after all. */
  cancel(at: number): void {
    const index = this.starts.lastIndexOf(at);
    if (index >= 0) this.starts.splice(index, 1);
  }

  private prune(now: number): void {
    let drop = 0;
    while (drop < this.starts.length && this.starts[drop] <= now - this.windowMs) drop += 1;
    if (drop > 0) this.starts.splice(0, drop);
  }
}
