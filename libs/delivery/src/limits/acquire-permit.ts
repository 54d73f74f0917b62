import { performance } from 'node:perf_hooks';
import type { LimitLayer } from './limit-layer';

/** A started call's hold on every layer; release it when the call ends. */
export interface Permit {
  readonly startedAt: number;
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
  for (;;) {
    if (stop.stopped) return undefined;
    const now = performance.now();
    const waitMs = Math.max(0, ...layers.map((layer) => layer.waitMs(now)));
    if (waitMs === 0) {
      for (const layer of layers) layer.take(now);
      let done = false;
      return {
        startedAt: now,
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
    await waitForChange(layers, stop, Number.isFinite(waitMs) ? waitMs : 1_000);
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
