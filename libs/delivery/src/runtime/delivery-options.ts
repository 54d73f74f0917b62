import { TOPICS } from '@activation/contracts';
import type { BackoffPolicy } from '@activation/kafka';

export interface DeliveryOptions {
  /** Name of the emitter; replicas of one emitter share leases and the worker registry. */
  service: string;
  /** Unique per process. */
  workerId: string;
  membershipTopic: string;
  snapshotRequestsTopic: string;
  /** A sync run closes after this long... */
  runIntervalMs: number;
  /** ...or after this many rows. */
  runMaxRows: number;
  /** Backoff of immediate retries within a run. */
  backoff: BackoffPolicy;
  /** When immediate retries are used up, a row is tried again about this much later. */
  deferMs: number;
  /** A row still failing this long after its first failure goes to the dead letters. */
  retryWindowMs: number;
  /** Longest Retry-After honoured. */
  maxRetryAfterMs: number;
  /** Rows a dispatcher reads ahead from its queue. */
  fetchWindow: number;
  /**
   * A subscription's backlog larger than this is compacted to the oldest and newest version of
   * each key (at most two rows per member), so a long outage cannot grow it without bound.
   */
  compactAboveRows: number;
  /** A dispatcher with nothing due looks at its queue at least this often (NOTIFY wakes it sooner). */
  idlePollMs: number;
  leaseTtlMs: number;
  leaseRenewMs: number;
  /**
   * The rate limit counts starts over a window this much longer than one second, so network and
   * scheduling jitter cannot make a receiver see more than the limit in any second of its own.
   */
  rateWindowMarginMs: number;
  /** Keep request and response bodies of calls (secrets redacted) for this long; 0 keeps none. */
  callBodyRetentionMs: number;
  /** Calls, finished runs and dead letters are deleted after this long. */
  historyRetentionMs: number;
  maintenanceIntervalMs: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const DEFAULT_DELIVERY_OPTIONS: Omit<DeliveryOptions, 'service' | 'workerId'> = {
  membershipTopic: TOPICS.membership,
  snapshotRequestsTopic: TOPICS.snapshotRequests,
  runIntervalMs: MINUTE,
  runMaxRows: 100_000,
  backoff: { initialMs: 500, maxMs: 30_000 },
  deferMs: MINUTE,
  retryWindowMs: DAY,
  maxRetryAfterMs: 10 * MINUTE,
  fetchWindow: 2_000,
  compactAboveRows: 1_000_000,
  idlePollMs: 2_000,
  leaseTtlMs: 30_000,
  leaseRenewMs: 5_000,
  rateWindowMarginMs: 50,
  callBodyRetentionMs: 7 * DAY,
  historyRetentionMs: 30 * DAY,
  maintenanceIntervalMs: 10 * MINUTE,
};

export function deliveryOptions(options: Partial<DeliveryOptions> & Pick<DeliveryOptions, 'service' | 'workerId'>): DeliveryOptions {
  const merged = { ...DEFAULT_DELIVERY_OPTIONS, ...options };
  if (merged.leaseRenewMs * 2 >= merged.leaseTtlMs) throw new RangeError('leaseRenewMs must be less than half of leaseTtlMs');
  return merged;
}
