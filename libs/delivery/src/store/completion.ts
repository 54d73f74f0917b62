/** Everything that finished calls change, written in one transaction (see CompletionRepository). */
export interface CompletionBatch {
  deliveredIds: string[];
  failures: RowFailure[];
  throttled: RowThrottle[];
  deadLetters: RowDeadLetter[];
  calls: CallRecord[];
  runCounts: RunCounts[];
  states: StateUpdate[];
}

export interface RowFailure {
  id: string;
  runId: number;
  runAttempts: number;
  failedAt: number;
  nextAttemptAt: number;
  /** Immediate retries are used up: the row waits for a later run. */
  deferred: boolean;
  error: string;
}

export interface RowThrottle {
  id: string;
  nextAttemptAt: number;
  error: string;
}

export interface RowDeadLetter {
  id: string;
  runId: number;
  reason: string;
}

export interface CallRecord {
  subscriptionId: number;
  runId: number;
  startedAt: number;
  operation: string;
  rowCount: number;
  retry: boolean;
  outcome: 'delivered' | 'partial' | 'rejected' | 'throttled';
  httpStatus: number | null;
  latencyMs: number;
  errorClass: string | null;
  error: string | null;
  primaryKeys: string[];
  /** Distinct trace ids of the call's rows (at most MAX_CALL_TRACE_IDS). */
  traceIds: string[];
  rejected: Array<{ primary_key_value: string; reason: string }>;
  request: unknown;
  response: string | null;
}

export interface RunCounts {
  subscriptionId: number;
  runId: number;
  calls: number;
  added: number;
  changed: number;
  removed: number;
  rejected: number;
  retried: number;
  throttled: number;
  superseded: number;
  deadLettered: number;
}

export interface StateUpdate {
  subscriptionId: number;
  at: number;
  success: boolean;
  errorClass?: string;
  error?: string;
  pausedUntil?: number;
}

export function emptyCompletion(): CompletionBatch {
  return { deliveredIds: [], failures: [], throttled: [], deadLetters: [], calls: [], runCounts: [], states: [] };
}

export function isEmptyCompletion(batch: CompletionBatch): boolean {
  return Object.values(batch).every((list: unknown[]) => list.length === 0);
}

/** Adds one completion to another (several calls' outcomes flushed together). */
export function mergeCompletion(into: CompletionBatch, from: CompletionBatch): void {
  into.deliveredIds.push(...from.deliveredIds);
  into.failures.push(...from.failures);
  into.throttled.push(...from.throttled);
  into.deadLetters.push(...from.deadLetters);
  into.calls.push(...from.calls);
  into.runCounts.push(...from.runCounts);
  into.states.push(...from.states);
}
