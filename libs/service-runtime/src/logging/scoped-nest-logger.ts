import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';
import { ServiceLogScope } from './service-log-scope';

/**
 * Nest's own log lines (and `new Logger(context)` in library code) as JSON through pino. Nest keeps
 * one logger per process, so lines go to the logger of the service in scope (ServiceLogScope),
 * and to `fallback` outside any service.
 */
export class ScopedNestLogger implements LoggerService {
  constructor(private readonly fallback: Logger) {}

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest passes the context last; `error` may carry a stack before it (ExceptionsHandler does). */
  private write(level: Level, message: unknown, params: unknown[]): void {
    const logger = ServiceLogScope.current() ?? this.fallback;
    const fields: Record<string, unknown> = {};
    const rest = [...params];
    if (rest.length > 0 && typeof rest[rest.length - 1] === 'string') fields['context'] = rest.pop();
    if (level === 'error' && typeof message === 'string' && typeof rest[0] === 'string' && /\n\s*at /.test(rest[0])) {
      const err = new Error(message);
      err.stack = rest.shift() as string;
      fields['err'] = err;
    }
    if (message instanceof Error) {
      logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      logger[level]({ ...fields, ...message });
    } else {
      logger[level](fields, String(message), ...rest);
    }
  }
}
