import { performance } from 'node:perf_hooks';
import type { LimitLayer, WaitCause } from './limit-layer';

/** A started call's hold on every layer; release it when the call ends. */
export interface Permit {
  readonly startedAt: number;
  /** How long the call waited for its permit, by what held it (empty when it did not wait). */
  readonly waitedMs: Partial<Record<WaitCause, number>>;
  release(): void;
  /** The call was not made after all: its rate start is given back too. */
  cancel(): void;
}

export interface StopSignal {
  readonly stopped: boolean;
  onStop(listener: () => void): () => void;
}

/**
 * Waits until every layer allows a call, then takes a slot of each at once (so a call never
 * holds one layer while waiting for another). Resolves undefined when the signal stops.
 */
export async function acquirePermit(layers: readonly LimitLayer[], stop: StopSignal): Promise<Permit | undefined> {
  const waitedMs: Partial<Record<WaitCause, number>> = {};
  for (;;) {
    if (stop.stopped) return undefined;
    const now = performance.now();
    const waits = layers.map((layer) => layer.waitMs(now));
    const waitMs = Math.max(0, ...waits);
    if (waitMs === 0) {
      for (const layer of layers) layer.take(now);
      let done = false;
      return {
        startedAt: now,
        waitedMs,
        release: () => {
          if (done) return;
          done = true;
          for (const layer of layers) layer.release();
        },
        cancel: () => {
          if (done) return;
          done = true;
          for (const layer of layers) layer.cancel(now);
        },
      };
    }
    const cause = layers[waits.indexOf(waitMs)].waitCause(now) ?? 'rate';
    await waitForChange(layers, stop, Number.isFinite(waitMs) ? waitMs : 1_000);
    waitedMs[cause] = (waitedMs[cause] ?? 0) + (performance.now() - now);
  }
}

function waitForChange(layers: readonly LimitLayer[], stop: StopSignal, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    let settled = false;
    const unsubscribe: Array<() => void> = [];
    const finish = () => {
      if (settled) return;
      settled = true;
      unsubscribe.forEach((off) => off());
      resolve();
    };
    for (const layer of layers) unsubscribe.push(layer.onChange(finish));
    unsubscribe.push(stop.onStop(finish));
    const timer = setTimeout(finish, ms);
    unsubscribe.push(() => clearTimeout(timer));
  });
}
