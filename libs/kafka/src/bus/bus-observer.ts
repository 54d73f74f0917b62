/**
 * Why handling failed: the message is `invalid` (dead-lettered at once), the handler threw
 * (`handler-error`, retried a bounded number of times), or a dependency failed (`transient`,
 * retried until it is back).
 */
export type FailureReason = 'invalid' | 'handler-error' | 'transient';

/** Hooks for metrics; the messaging code stays free of any metrics library. */
export interface BusObserver {
  batchCommitted?(topic: string, messages: number, seconds: number): void;
  deadLettered?(topic: string, reason: string): void;
  /** A handling attempt of `messages` messages failed (each retry that fails is reported again). */
  messagesFailed?(topic: string, reason: FailureReason, messages: number): void;
}
