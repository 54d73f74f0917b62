import type { BusLogger, MessageBus, OutgoingMessage } from '@activation/kafka';
import { chunkByBytes } from './chunk-by-bytes';
import { PublishUnavailableError } from './publish-unavailable.error';

export interface FailFastPublisherOptions {
  topic: string;
  /** A new producer connection; a fresh one replaces the current one after any failure. */
  createBus: () => MessageBus;
  /** Longest wait for the message log's acknowledgement before answering 503. */
  timeoutMs: number;
  /** After a failure, publishes fail at once for this long (the `Retry-After`). */
  cooldownMs: number;
  /** Most value bytes per produce request. */
  maxRequestBytes?: number;
  logger: BusLogger;
}

interface Pending {
  messages: OutgoingMessage[];
  resolve: () => void;
  reject: (error: Error) => void;
}

/** What HTTP intake publishes through; resolves only once the message log acknowledged (on Kafka, acks = all). */
export interface ProfileInputPublisher {
  publish(messages: OutgoingMessage[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Publishes to one topic for request handlers, which must answer quickly either way:
 *
 * - Concurrent requests are coalesced: while one produce request is in flight the next ones
 *   queue, and are then sent together, in arrival order (per-profile order holds across requests).
 * - Each attempt is bounded by `timeoutMs`. On failure every waiting caller gets a
 *   PublishUnavailableError and, for `cooldownMs`, new calls fail at once (a circuit breaker),
 *   so a dead broker costs callers nothing but a 503 with Retry-After.
 * - After a failure the producer is replaced. An idempotent producer whose request went
 *   unanswered must not be reused: its next batch would carry the same sequence number and the
 *   broker could take it for a duplicate of the unanswered one, acknowledging without writing.
 */
export class FailFastPublisher implements ProfileInputPublisher {
  private bus: MessageBus;
  private queue: Pending[] = [];
  private flushing = false;
  private openUntil = 0;
  private closed = false;

  constructor(private readonly options: FailFastPublisherOptions) {
    this.bus = options.createBus();
  }

  publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    if (this.closed) return Promise.reject(new PublishUnavailableError(this.retryAfterSeconds()));
    if (Date.now() < this.openUntil) return Promise.reject(new PublishUnavailableError(this.retryAfterSeconds()));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ messages, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing) await new Promise((resolve) => setTimeout(resolve, 10));
    await this.bus.close();
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue;
        this.queue = [];
        try {
          for (const chunk of chunkByBytes(group.flatMap((pending) => pending.messages), this.options.maxRequestBytes ?? 768 * 1024)) {
            await this.sendBounded(chunk);
          }
          for (const pending of group) pending.resolve();
        } catch (error) {
          this.trip(error);
          const failed = new PublishUnavailableError(this.retryAfterSeconds(), { cause: error });
          for (const pending of [...group, ...this.queue]) pending.reject(failed);
          this.queue = [];
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async sendBounded(messages: OutgoingMessage[]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const sending = this.bus.publish(this.options.topic, messages);
    sending.catch(() => undefined);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the message log did not acknowledge within ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
    });
    try {
      await Promise.race([sending, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private trip(error: unknown): void {
    this.openUntil = Date.now() + this.options.cooldownMs;
    this.options.logger.warn(
      { topic: this.options.topic, reason: (error as Error).message, cooldownMs: this.options.cooldownMs },
      'publishing failed; refusing requests for the cool-down and reconnecting',
    );
    const broken = this.bus;
    this.bus = this.options.createBus();
    broken.close().catch(() => undefined);
  }

  private retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(Math.max(this.openUntil - Date.now(), this.options.cooldownMs) / 1000));
  }
}
