import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DestinationRepository, SubscriptionRepository, type Page, type PageRequest } from '@activation/configuration';
import { randomEventId } from '@activation/contracts';
import { DATA_SOURCE } from '@activation/service-runtime';
import { SNAPSHOT_REQUESTER, type SnapshotRequester } from '../resync/snapshot-requester';
import { HistoryRepository } from '../store/history-repository';
import { ReplayRepository, type ReplayRecord } from '../store/replay-repository';
import { StateRepository } from '../store/state-repository';
import { DELIVERY_ADMIN_KINDS } from './tokens';

export type SubscriptionHealth = 'healthy' | 'failing' | 'disabled';

export interface SubscriptionDeliveryStatus {
  syncId: number;
  status: SubscriptionHealth;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastErrorClass: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** Age of the oldest event still queued, ms; 0 when nothing waits. */
  lagMs: number;
  rowsQueued: number;
  rowsWaitingForRetry: number;
  rowsDeferred: number;
  deadLetters: number;
  pausedUntil: string | null;
  /** The replica delivering it now (holder of its destination's lease), if any. */
  deliveredBy: string | null;
  openReplays: number;
}

/** The delivery side of the admin API; runs in the admin service, talks to Postgres and Kafka only. */
@Injectable()
export class DeliveryAdminService {
  private readonly history: HistoryRepository;
  private readonly states: StateRepository;
  private readonly replays: ReplayRepository;

  constructor(
    @Inject(DATA_SOURCE) dataSource: DataSource,
    private readonly subscriptions: SubscriptionRepository,
    private readonly destinations: DestinationRepository,
    @Inject(SNAPSHOT_REQUESTER) private readonly snapshots: SnapshotRequester,
    @Inject(DELIVERY_ADMIN_KINDS) private readonly kinds: readonly string[],
  ) {
    this.history = new HistoryRepository(dataSource);
    this.states = new StateRepository(dataSource);
    this.replays = new ReplayRepository(dataSource);
  }

  get historyRepository(): HistoryRepository {
    return this.history;
  }

  async status(syncId: number): Promise<SubscriptionDeliveryStatus> {
    const { subscription, destination } = await this.find(syncId);
    const [state, queue, owner, open] = await Promise.all([
      this.states.find(syncId),
      this.states.queueFigures(syncId),
      this.history.leaseOwner(destination.id),
      this.replays.open([syncId]),
    ]);
    const failing = !!state && state.consecutiveFailures > 0 && (state.lastSuccessAt ?? 0) <= (state.lastErrorAt ?? 0);
    const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);
    return {
      syncId,
      status: !subscription.enabled || !destination.enabled ? 'disabled' : failing ? 'failing' : 'healthy',
      lastSuccessAt: iso(state?.lastSuccessAt),
      lastErrorAt: iso(state?.lastErrorAt),
      lastErrorClass: state?.lastErrorClass ?? null,
      lastError: state?.lastError ?? null,
      consecutiveFailures: state?.consecutiveFailures ?? 0,
      lagMs: queue.oldestEventTime === null ? 0 : Math.max(0, Date.now() - queue.oldestEventTime),
      rowsQueued: queue.pending,
      rowsWaitingForRetry: queue.waitingForRetry,
      rowsDeferred: queue.deferred,
      deadLetters: queue.deadLetters,
      pausedUntil: state?.pausedUntil && state.pausedUntil > Date.now() ? iso(state.pausedUntil) : null,
      deliveredBy: owner,
      openReplays: open.length,
    };
  }

  /** Asks the evaluator for the audience's current members, addressed to this subscription only. */
  async resync(syncId: number): Promise<{ syncId: number; requestId: string }> {
    const { subscription } = await this.find(syncId);
    if (!subscription.enabled) throw new ConflictException(`Subscription ${syncId} is disabled; enable it before a re-sync.`);
    const requestId = randomEventId();
    await this.snapshots.requestSnapshot(subscription.audienceId, syncId, requestId);
    return { syncId, requestId };
  }

  async startReplay(syncId: number, from: string, requestedBy: string): Promise<ReplayRecord> {
    await this.find(syncId);
    const fromTime = Date.parse(from);
    if (fromTime > Date.now()) throw new BadRequestException('"from" must not be in the future.');
    const open = await this.replays.open([syncId]);
    if (open.length > 0) throw new ConflictException(`Replay ${open[0].id} of subscription ${syncId} is not finished yet.`);
    return this.replays.request(syncId, fromTime, requestedBy);
  }

  async replay(syncId: number, replayId: string): Promise<ReplayRecord> {
    const replay = /^\d{1,18}$/.test(replayId) ? await this.replays.find(syncId, replayId) : undefined;
    if (!replay) throw new NotFoundException(`Subscription ${syncId} has no replay ${replayId}.`);
    return replay;
  }

  listReplays(syncId: number, page: PageRequest): Promise<Page<ReplayRecord>> {
    return this.replays.list(syncId, page);
  }

  /** The subscription and its destination, if the destination is of a kind this module delivers. */
  async find(syncId: number) {
    const subscription = await this.subscriptions.findById(syncId);
    const destination = subscription ? await this.destinations.findById(subscription.destinationId) : null;
    if (!subscription || !destination || !this.kinds.includes(destination.kind)) {
      throw new NotFoundException(`No subscription ${syncId} with a destination of kind ${this.kinds.join(' or ')}.`);
    }
    return { subscription, destination };
  }
}
