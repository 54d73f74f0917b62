import type { PartitionLag } from './consumer-lag';

/**
 * The messaging interface every service uses. It knows nothing of the client library behind it,
 * so kafkajs can be replaced (or an in-process log put behind it) without touching services.
 */
export interface OutgoingMessage {
  key: string | null;
  /** Objects are sent as JSON; strings as UTF-8; Buffers as they are; null as a null value (a tombstone). */
  value: Buffer | string | object | null;
  headers?: Record<string, string>;
}

export interface ConsumedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  /** Broker timestamp, epoch milliseconds. */
  timestamp: number;
}

export interface BatchContext {
  /** False once the consumer is stopping or the partition was revoked: stop early, nothing is committed. */
  isActive(): boolean;
  heartbeat(): Promise<void>;
}

/**
 * Handles the messages of one partition, in offset order. Resolving means every message is done:
 * the offsets are committed only then. Handlers must tolerate redelivery (at-least-once).
 */
export type BatchHandler = (messages: ConsumedMessage[], context: BatchContext) => Promise<void>;

export interface SubscribeOptions {
  groupId: string;
  topics: string[];
  handler: BatchHandler;
  /** Name written into dead letters, so an operator knows which service gave up. */
  service: string;
  fromBeginning?: boolean;
  /** Attempts per message before it goes to `<topic>.dlq`; transient errors do not count. */
  maxAttempts?: number;
  partitionsConsumedConcurrently?: number;
}

export interface Subscription {
  /** Finishes the in-flight batch, commits it, and leaves the group. */
  stop(): Promise<void>;
}

export interface TopicSpec {
  topic: string;
  partitions?: number;
  /** Also create `<topic>.dlq` with the same partition count. */
  withDeadLetterTopic?: boolean;
}

export interface MessageBus {
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  ensureTopics(specs: TopicSpec[]): Promise<void>;
  /** Resolves when the broker answers; used by readiness checks. */
  ping(timeoutMs?: number): Promise<void>;
  /** Lag of this process's consumer groups on every partition of their topics (for metrics). */
  consumerLag?(): Promise<PartitionLag[]>;
  close(): Promise<void>;
}

export const MESSAGE_BUS = Symbol('MESSAGE_BUS');
