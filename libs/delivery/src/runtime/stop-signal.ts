import type { StopSignal } from '../limits/acquire-permit';

/** A stop flag that waiting loops can also sleep on: `sleep` ends early on `stop()` or `wake()`. */
export class Stopper implements StopSignal {
  private stopping = false;
  /** A wake with nobody asleep is kept for the next sleep, so a wake just before sleeping is not lost. */
  private woken = false;
  private readonly stopListeners = new Set<() => void>();
  private readonly wakeListeners = new Set<() => void>();

  get stopped(): boolean {
    return this.stopping;
  }

  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    for (const listener of [...this.stopListeners]) listener();
    this.wake();
  }

  onStop(listener: () => void): () => void {
    this.stopListeners.add(listener);
    return () => this.stopListeners.delete(listener);
  }

  /** Ends every current `sleep` (or the next one, when none is running). */
  wake(): void {
    if (this.wakeListeners.size === 0) this.woken = true;
    for (const listener of [...this.wakeListeners]) listener();
  }

  sleep(ms: number): Promise<void> {
    if (this.stopping || this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeListeners.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.wakeListeners.add(done);
    });
  }
}
