import type { CallType } from '@activation/contracts';
import type { QueuedRow } from './delivery-row';
import type { DeliveryDestination, DeliverySubscription } from '../routing/subscription-directory';

/** Calls per second (over any sliding second) and calls at once; undefined means no limit. */
export interface DeliveryLimits {
  ratePerSecond?: number;
  concurrency?: number;
}

export interface RetrySettings {
  /** `immediate`: retry within the run up to `attempts` times, then defer; `next-run`: defer at once. */
  mode: 'immediate' | 'next-run';
  attempts: number;
}

/** How one subscription is delivered, read from its settings (no secrets). */
export interface DeliveryPlan {
  /** Rows per call, 1 to 1000. */
  batchSize: number;
  /** The triggers: which call types are delivered at all. */
  callTypes: ReadonlySet<CallType>;
  limits: DeliveryLimits;
  retry: RetrySettings;
  callTimeoutMs: number;
}

/** One call: rows of one call type for one subscription, in one sync run. */
export interface DeliveryCall {
  callId: string;
  subscriptionId: number;
  runId: number;
  callType: CallType;
  rows: readonly QueuedRow[];
  /** True when every row was tried before (rejected rows are retried apart from fresh ones). */
  retry: boolean;
}

export type CallErrorClass =
  | 'timeout'
  | 'connection'
  | 'blocked-address'
  | 'tls'
  | 'http-status'
  | 'invalid-response'
  | 'throttled'
  | 'configuration'
  | 'rejected-rows'
  // Event Hubs (seed 002 reports Timeout, Invalid credentials or Other error).
  | 'invalid-credentials'
  | 'other';

export type CallOutcome =
  | { outcome: 'delivered' }
  | { outcome: 'partial'; rejected: Array<{ primaryKey: string; reason: string }> }
  | { outcome: 'rejected'; errorClass: CallErrorClass; reason: string }
  | { outcome: 'throttled'; retryAfterMs: number; reason: string };

/** What a call did, with what the live debugger shows of it (bodies already redacted). */
export type CallResult = CallOutcome & {
  httpStatus?: number;
  latencyMs: number;
  request?: unknown;
  response?: string;
};

/** Sends calls to one subscription's destination; holds connections, so it is closed when done. */
export interface CallSender {
  send(call: DeliveryCall): Promise<CallResult>;
  close(): Promise<void>;
}

export interface DestinationTestResult {
  ok: boolean;
  httpStatus?: number;
  latencyMs: number;
  errorClass?: CallErrorClass;
  message: string;
  response?: string;
}

/** What an emitter contributes to the framework: its destination kinds and how to call them. */
export interface DeliveryAdapter {
  readonly kinds: readonly string[];
  /** Reads a subscription's settings; throws an Error naming the problem when they are unusable. */
  plan(subscription: DeliverySubscription): DeliveryPlan;
  /** Limits of the destination as a whole (shared by all its subscriptions). */
  destinationLimits(destination: DeliveryDestination): DeliveryLimits;
  createSender(subscription: DeliverySubscription, plan: DeliveryPlan): CallSender;
  /**
   * The admin "test destination" action: one harmless call, nothing queued or recorded. With a
   * subscription, its settings (e.g. the primary key column) shape the call.
   */
  testDestination?(destination: DeliveryDestination, subscription?: DeliverySubscription): Promise<DestinationTestResult>;
}
