/** How often a consumer polls and renews, and how long a silent member keeps its partitions. */
export interface ConsumerTimings {
  /** Longest wait for new records when idle; a publish in the same process wakes the consumer at once. */
  pollIntervalMs: number;
  /** How often a member renews its leases and rebalances. */
  heartbeatIntervalMs: number;
  /** How long a member that stopped renewing (crashed, hung) keeps its partitions. */
  leaseMs: number;
  maxBatchSize: number;
  errorBackoffMs: number;
}

export const DEFAULT_TIMINGS: ConsumerTimings = {
  pollIntervalMs: 250,
  heartbeatIntervalMs: 1_000,
  leaseMs: 10_000,
  maxBatchSize: 500,
  errorBackoffMs: 1_000,
};

export function resolveTimings(overrides: Partial<ConsumerTimings>): ConsumerTimings {
  const timings = { ...DEFAULT_TIMINGS, ...overrides };
  for (const [name, value] of Object.entries(timings)) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  if (timings.leaseMs < 3 * timings.heartbeatIntervalMs) {
    throw new RangeError('leaseMs must be at least three heartbeat intervals, or a slow round loses the partitions');
  }
  return timings;
}
