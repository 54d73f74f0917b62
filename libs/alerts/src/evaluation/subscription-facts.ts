/** What the rules of one subscription are judged on, read from the delivery state. */
export interface SubscriptionFacts {
  /** Finished runs that made calls, newest first: whether each delivered any row. */
  recentRuns: Array<{ runId: number; delivered: number }>;
  /** Epoch ms since which every call failed (no success after it); null when not failing. */
  failingSince: number | null;
  /** Rows sent and rows rejected within a rule's window. */
  window?: { rows: number; rejected: number };
  queuedRows: number;
  /** Epoch ms at which the oldest undelivered row was queued; null when nothing waits. */
  oldestQueuedAt: number | null;
}
