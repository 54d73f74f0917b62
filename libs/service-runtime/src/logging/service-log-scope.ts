import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';

const scopes = new AsyncLocalStorage<ServiceLogScope>();

/**
 * The service the running code belongs to, for loggers that are process-wide (Nest's static
 * Logger): in the platform, several services share one process, and a line written while serving
 * one of them must carry that service's name. Everything started inside `run` (its HTTP server,
 * consumers, timers) stays in the scope, so requests and messages handled later are in it too.
 */
export class ServiceLogScope {
  private logger?: Logger;

  /** The logger of the service whose work is running, if any. */
  static current(): Logger | undefined {
    return scopes.getStore()?.logger;
  }

  /** Runs `fn` in this scope (or in a new one writing to `logger`). */
  static run<T>(logger: Logger, fn: () => T): T {
    const scope = new ServiceLogScope();
    scope.use(logger);
    return scope.run(fn);
  }

  run<T>(fn: () => T): T {
    return scopes.run(this, fn);
  }

  /** Sets the logger once the service has built it (after entering the scope). */
  use(logger: Logger): void {
    this.logger = logger;
  }
}
