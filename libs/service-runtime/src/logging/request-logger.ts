import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';

/** Middleware logging one line per HTTP request ("request completed", status, duration); health and metrics probes are left out. */
export function requestLogger(logger: Logger): HttpLogger {
  return pinoHttp({ logger, autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') } });
}
