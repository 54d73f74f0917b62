/** Hooks for metrics; the messaging code stays free of any metrics library. */
export interface BusObserver {
  batchCommitted?(topic: string, messages: number, seconds: number): void;
  deadLettered?(topic: string, reason: string): void;
}
