import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { deadLetterTopicOf } from '@activation/contracts';
import {
  ProcessingAbortedError, processBatch, toDeadLetter, toDeadLetterMessage,
  type BackoffPolicy, type BusLogger, type BusObserver, type ConsumedMessage, type DeadLetterRecorder,
  type OutgoingMessage, type SubscribeOptions, type Subscription,
} from '@activation/kafka';
import { GroupMembership } from '../group/group-membership';
import { GroupStore, type PendingPartition } from '../group/group-store';
import { readRecords } from '../log/read-records';
import type { Sql } from '../sql/sql-client';
import { onAppended } from './wakeups';
import type { ConsumerTimings } from './consumer-timings';

export interface LogConsumerDeps {
  sql: Sql;
  clientId: string;
  logger: BusLogger;
  backoff: BackoffPolicy;
  defaultMaxAttempts: number;
  timings: ConsumerTimings;
  deadLetters?: DeadLetterRecorder;
  observer?: BusObserver;
  publish: (topic: string, messages: OutgoingMessage[]) => Promise<void>;
}

/**
 * A consumer-group member on the log: a membership round every heartbeat interval, and a loop
 * that reads a batch per owned partition after the committed offset, runs it through the shared
 * processBatch (retries, poison isolation, dead letters) and commits only after it completed.
 */
export class LogConsumer implements Subscription {
  private readonly store: GroupStore;
  private readonly membership: GroupMembership;
  private readonly stopWakeups: () => void;
  private loop?: Promise<void>;
  private round?: Promise<void>;
  private roundTimer?: NodeJS.Timeout;
  private stopping = false;
  private stopped?: Promise<void>;
  private woken = false;
  private wake: () => void = () => undefined;

  constructor(
    private readonly options: SubscribeOptions,
    private readonly deps: LogConsumerDeps,
  ) {
    const memberId = `${deps.clientId}-${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
    this.store = new GroupStore(deps.sql, options.groupId, memberId, deps.timings.leaseMs);
    this.membership = new GroupMembership(this.store, {
      topics: [...new Set(options.topics)],
      fromBeginning: options.fromBeginning ?? true,
      leaseMs: deps.timings.leaseMs,
      logger: deps.logger,
    });
    this.stopWakeups = onAppended(options.topics, () => this.wakeUp());
  }

  /** Joins the group (the first round claims partitions) and starts consuming. */
  async start(): Promise<void> {
    try {
      await this.membership.rebalance();
    } catch (error) {
      this.stopWakeups();
      throw error;
    }
    this.scheduleRound();
    this.loop = this.consume();
  }

  stop(): Promise<void> {
    this.stopped ??= this.shutDown();
    return this.stopped;
  }

  private async shutDown(): Promise<void> {
    this.stopping = true;
    this.membership.beginStop();
    this.stopWakeups();
    clearTimeout(this.roundTimer);
    this.wakeUp();
    await this.loop;
    await this.round;
    await this.membership.leave().catch((error) =>
      this.deps.logger.warn({ error: String(error) }, 'leaving the group failed; partitions move when the leases expire'),
    );
  }

  private scheduleRound(): void {
    if (this.stopping) return;
    this.roundTimer = setTimeout(() => {
      this.round = this.membership
        .rebalance()
        .catch((error) => this.deps.logger.warn({ error: String(error), groupId: this.options.groupId }, 'group round failed'))
        .finally(() => this.scheduleRound());
    }, this.deps.timings.heartbeatIntervalMs);
  }

  private async consume(): Promise<void> {
    while (!this.stopping) {
      try {
        const pending = await this.store.pending();
        if (pending.length === 0) {
          await this.idle(this.deps.timings.pollIntervalMs);
          continue;
        }
        let committed = 0;
        await inParallel(pending, this.options.partitionsConsumedConcurrently ?? 1, async (p) => {
          if (await this.consumePartition(p)) committed += 1;
        });
        // Nothing moved (partitions being handed over, batches aborted): do not spin on the same rows.
        if (committed === 0) await this.idle(this.deps.timings.pollIntervalMs);
      } catch (error) {
        this.deps.logger.error({ error: String(error), groupId: this.options.groupId }, 'consuming failed; retrying');
        await this.idle(this.deps.timings.errorBackoffMs);
      }
    }
  }

  /** Handles one batch of the partition; true when it was committed. */
  private async consumePartition(pending: PendingPartition): Promise<boolean> {
    if (this.stopping) return false;
    const owned = this.membership.begin(pending.topic, pending.partition);
    if (!owned) return false;
    try {
      const started = process.hrtime.bigint();
      const messages = await readRecords(
        this.deps.sql, pending.topic, pending.partition, pending.committedOffset, this.deps.timings.maxBatchSize,
      );
      if (messages.length === 0) return false;
      const context = { isActive: () => this.membership.isActive(owned), heartbeat: async () => undefined };
      try {
        await processBatch(messages, context, {
          handler: this.options.handler,
          maxAttempts: this.options.maxAttempts ?? this.deps.defaultMaxAttempts,
          backoff: this.deps.backoff,
          deadLetter: (message, reason) => this.deadLetter(message, reason),
          logger: this.deps.logger,
          observer: this.deps.observer,
        });
      } catch (error) {
        if (error instanceof ProcessingAbortedError) return false;
        throw error;
      }
      const next = (BigInt(messages[messages.length - 1].offset) + 1n).toString();
      if (!(await this.store.commit(owned, next))) {
        this.membership.lost(owned);
        this.deps.logger.warn({ topic: owned.topic, partition: owned.partition }, 'partition moved on; batch not committed');
        return false;
      }
      this.deps.observer?.batchCommitted?.(owned.topic, messages.length, Number(process.hrtime.bigint() - started) / 1e9);
      return true;
    } finally {
      this.membership.end(owned);
    }
  }

  private async deadLetter(message: ConsumedMessage, reason: string): Promise<void> {
    const letter = toDeadLetter(message, this.options.service, reason);
    await this.deps.publish(deadLetterTopicOf(message.topic), [toDeadLetterMessage(letter)]);
    await this.deps.deadLetters?.record(letter);
    this.deps.observer?.deadLettered?.(message.topic, reason);
    this.deps.logger.warn(
      { topic: message.topic, partition: message.partition, offset: message.offset, reason },
      'message dead-lettered',
    );
  }

  private wakeUp(): void {
    this.woken = true;
    this.wake();
  }

  /** Waits for the poll interval, a publish in this process, or stop, whichever comes first. */
  private idle(ms: number): Promise<void> {
    if (this.woken || this.stopping) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = () => undefined;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const workers = Array.from({ length: Math.max(1, Math.min(limit, queue.length)) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  });
  await Promise.all(workers);
}
