/** The message itself is bad (invalid, unparsable): retrying cannot help, dead-letter it at once. */
export class PermanentMessageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentMessageError';
  }
}

/** Something outside the message failed (broker, database, network): retry without giving up. */
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/** Stopping or rebalancing: leave the batch uncommitted so its new owner processes it. */
export class ProcessingAbortedError extends Error {
  constructor() {
    super('processing aborted: consumer stopping or partition revoked');
    this.name = 'ProcessingAbortedError';
  }
}

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  // PostgreSQL: connection exceptions, serialization failure, deadlock, shutdown, too many connections.
  '08000', '08003', '08006', '08001', '08004', '40001', '40P01', '57P01', '57P02', '57P03', '53300',
]);

export type ErrorClass = 'permanent' | 'transient' | 'handler';

/**
 * `handler` errors are retried a bounded number of times and then dead-lettered;
 * `transient` ones are retried until the dependency comes back, without using up attempts.
 */
export function classifyError(error: unknown): ErrorClass {
  if (error instanceof PermanentMessageError) return 'permanent';
  if (error instanceof TransientError) return 'transient';
  const candidate = error as { code?: unknown; retriable?: unknown; name?: unknown } | null;
  if (candidate && typeof candidate.code === 'string' && TRANSIENT_CODES.has(candidate.code)) return 'transient';
  if (candidate?.retriable === true) return 'transient';
  if (candidate?.name === 'KafkaJSConnectionError' || candidate?.name === 'KafkaJSRequestTimeoutError') return 'transient';
  return 'handler';
}

export function describeError(error: unknown): string {
  // A refusal's message is the whole reason; other errors keep their class, which says what broke.
  if (error instanceof PermanentMessageError) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
