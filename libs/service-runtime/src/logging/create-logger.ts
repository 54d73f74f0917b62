import pino, { type DestinationStream, type Logger } from 'pino';

/** Field and header names whose values never reach a log line, wherever they sit in a logged object. */
export const REDACTED_LOG_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-functions-key',
  'password',
  'secret',
  'secrets',
  'signingSecret',
  'token',
  'apiKey',
  'connectionString',
  'functionKey',
];

/**
 * How deep below the logged object a redacted key is still found (0 is the object itself):
 * `{ req: { headers: { authorization } } }` is depth 2, `{ subscription: { destination: { secrets } } }` depth 2.
 */
const REDACTED_DEPTH = 4;

/** Redact paths for every key at every depth up to REDACTED_DEPTH; a path names one depth only. */
export const REDACTED_LOG_PATHS = REDACTED_LOG_KEYS.flatMap((key) =>
  Array.from({ length: REDACTED_DEPTH + 1 }, (_, depth) => `${'*.'.repeat(depth)}["${key}"]`.replace('.[', '[')),
);

/** JSON logs on stdout (or the given stream), one line per entry, with the service name on every line. */
export function createLogger(service: string, level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: REDACTED_LOG_PATHS, censor: '[REDACTED]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
