import type { Logger } from 'pino';
import { HEADERS } from '@activation/contracts';
import { describeError, type ConsumedMessage } from '@activation/kafka';
import type { SubscriptionDispatcher } from '../dispatch/subscription-dispatcher';
import type { StagedRow } from '../model/delivery-row';
import { parseMembership } from '../routing/parse-membership';
import { routeMembership, type RoutingTarget } from '../routing/route-membership';
import type { QueueRepository } from '../store/queue-repository';
import type { ReplayRecord, ReplayRepository } from '../store/replay-repository';
import type { StagingResult } from '../store/staging-repository';
import type { TopicRangeReader } from './topic-range-reader';

export interface ReplayHost {
  /** The running dispatcher of a subscription this replica owns. */
  dispatcher(subscriptionId: number): SubscriptionDispatcher | undefined;
  target(subscriptionId: number): RoutingTarget | undefined;
  stage(rows: StagedRow[]): Promise<StagingResult>;
}

/**
 * Re-delivers one subscription's membership events from a point in time. The subscription's
 * dispatcher pauses (calls in flight finish, read-ahead is dropped, the run closes), the topic
 * is read from the offsets of that time to the end offsets taken at the start, every event of
 * the subscription is queued again (origin `replay`), and the dispatcher resumes. Because rows
 * of a key are delivered in version order, the replayed versions go out in order and before
 * newer live changes, and the destination ends at the latest state. Other subscriptions keep
 * running throughout. A replay whose owner dies while reading is read again by the next owner.
 */
export class ReplayRunner {
  private running?: Promise<void>;

  constructor(
    private readonly replays: ReplayRepository,
    private readonly queue: QueueRepository,
    private readonly reader: TopicRangeReader | undefined,
    private readonly topic: string,
    private readonly host: ReplayHost,
    private readonly logger: Logger,
  ) {}

  async tick(ownedSubscriptionIds: readonly number[]): Promise<void> {
    const open = await this.replays.open(ownedSubscriptionIds);
    for (const replay of open.filter((candidate) => candidate.status === 'delivering')) {
      if (await this.queue.replayHasRows(replay.id)) continue;
      await this.replays.finish(replay.id, 'completed');
      await this.host.dispatcher(replay.subscriptionId)?.closeRun('replay completed');
      this.logger.info({ replayId: replay.id, subscriptionId: replay.subscriptionId }, 'replay delivered');
    }
    if (this.running) return;
    const next = open.find((candidate) => candidate.status !== 'delivering' && this.host.dispatcher(candidate.subscriptionId));
    if (next) this.running = this.run(next).finally(() => (this.running = undefined));
  }

  async stop(): Promise<void> {
    await this.running;
  }

  private async run(replay: ReplayRecord): Promise<void> {
    const dispatcher = this.host.dispatcher(replay.subscriptionId);
    const target = this.host.target(replay.subscriptionId);
    if (!dispatcher || !target) return;
    if (!this.reader) {
      await this.replays.finish(replay.id, 'failed', 'replay needs Kafka: this deployment has no topic reader');
      return;
    }
    const reader = this.reader;
    this.logger.info({ replayId: replay.id, subscriptionId: replay.subscriptionId, from: new Date(replay.fromTime).toISOString() }, 'replay started');
    await dispatcher.pause('replay started');
    try {
      const ranges = await reader.rangeSince(this.topic, replay.fromTime);
      await this.replays.markReading(replay.id, ranges);
      await reader.read(this.topic, ranges, async (messages) => {
        const rows = this.route(messages, target, replay.id);
        const { staged } = await this.host.stage(rows);
        if (staged > 0) await this.replays.addStaged(replay.id, staged);
      });
      await this.replays.markDelivering(replay.id);
    } catch (error) {
      this.logger.error({ replayId: replay.id, reason: describeError(error) }, 'replay failed');
      await this.replays.finish(replay.id, 'failed', describeError(error)).catch(() => undefined);
    } finally {
      await dispatcher.resume();
    }
  }

  private route(messages: ConsumedMessage[], target: RoutingTarget, replayId: string): StagedRow[] {
    const rows: StagedRow[] = [];
    for (const consumed of messages) {
      const parsed = parseMembership(consumed);
      if (!parsed.ok) continue;
      for (const row of routeMembership(parsed.message, [target], 'replay', consumed.headers[HEADERS.traceparent])) rows.push({ ...row, replayId });
    }
    return rows;
  }
}
