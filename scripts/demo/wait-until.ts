/** A step of the demo that did not happen; its message says what was expected. */
export class DemoFailure extends Error {}

/**
 * Polls `probe` until it returns true. A DemoFailure from the probe ends the wait; other errors
 * count as "not yet" (the platform may still be catching up) and the last one is named if time runs out.
 */
export async function waitUntil(what: string | (() => string), timeoutMs: number, probe: () => Promise<boolean> | boolean, intervalMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await probe()) return;
      lastError = undefined;
    } catch (error) {
      if (error instanceof DemoFailure) throw error;
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError ? ` (last error: ${(lastError as Error).message})` : '';
      throw new DemoFailure(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${typeof what === 'string' ? what : what()}${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
