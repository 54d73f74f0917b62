/** The message log (Kafka or the embedded log) did not acknowledge in time, or recently failed: answer 503 and let the sender retry. */
export class PublishUnavailableError extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super('The message log is unavailable; nothing was accepted', options);
    this.name = 'PublishUnavailableError';
  }
}
