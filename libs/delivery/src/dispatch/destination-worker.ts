import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { describeError } from '@activation/kafka';
import { LimitLayer } from '../limits/limit-layer';
import type { DeliveryAdapter, DeliveryPlan } from '../model/delivery-adapter';
import type { DeliverySubscription, SubscriptionDirectory } from '../routing/subscription-directory';
import type { DeliveryMetrics } from '../runtime/delivery-metrics';
import type { DeliveryOptions } from '../runtime/delivery-options';
import type { QueueRepository } from '../store/queue-repository';
import type { RunRepository } from '../store/run-repository';
import type { StateRepository } from '../store/state-repository';
import type { CompletionWriter } from './completion-writer';
import { SubscriptionDispatcher, type CallFence } from './subscription-dispatcher';

export interface DestinationWorkerDeps {
  directory: SubscriptionDirectory;
  adapter: DeliveryAdapter;
  plan(subscription: DeliverySubscription): DeliveryPlan;
  queue: QueueRepository;
  runs: RunRepository;
  states: StateRepository;
  writer: CompletionWriter;
  options: DeliveryOptions;
  logger: Logger;
  metrics?: DeliveryMetrics;
}

/**
 * The work of one destination on the replica holding its lease: one dispatcher per enabled
 * subscription, all behind the destination's own limits (shared) and each behind its
 * subscription's limits. A Retry-After from the destination pauses all of them.
 */
export class DestinationWorker {
  private readonly layer: LimitLayer;
  private readonly dispatchers = new Map<number, { dispatcher: SubscriptionDispatcher; version: string }>();
  /** Kept across a dispatcher's replacement (settings changed), so its rate window is not forgotten. */
  private readonly subscriptionLayers = new Map<number, LimitLayer>();
  private syncing: Promise<void> = Promise.resolve();

  constructor(
    readonly destinationId: string,
    private readonly fence: CallFence,
    private readonly deps: DestinationWorkerDeps,
  ) {
    this.layer = new LimitLayer({}, 1_000 + deps.options.rateWindowMarginMs);
  }

  subscriptionIds(): number[] {
    return [...this.dispatchers.keys()];
  }

  dispatcher(subscriptionId: number): SubscriptionDispatcher | undefined {
    return this.dispatchers.get(subscriptionId)?.dispatcher;
  }

  wake(subscriptionId: number): void {
    this.dispatchers.get(subscriptionId)?.dispatcher.wake();
  }

  /** Brings the dispatchers in line with the configuration (new, changed, removed subscriptions). */
  sync(): Promise<void> {
    this.syncing = this.syncing.then(() => this.reconcile()).catch((error) => {
      this.deps.logger.error({ destinationId: this.destinationId, reason: describeError(error) }, 'updating dispatchers failed');
    });
    return this.syncing;
  }

  async stop(): Promise<void> {
    await this.syncing;
    await Promise.all([...this.dispatchers.values()].map(({ dispatcher }) => dispatcher.stop()));
    this.dispatchers.clear();
  }

  private async reconcile(): Promise<void> {
    const destination = this.deps.directory.destination(this.destinationId);
    if (destination) this.layer.update(this.deps.adapter.destinationLimits(destination));
    const wanted = new Map(
      this.deps.directory
        .all()
        .filter((subscription) => subscription.enabled && subscription.destination.id === this.destinationId)
        .map((subscription) => [subscription.id, subscription]),
    );
    for (const id of [...this.subscriptionLayers.keys()]) if (!wanted.has(id)) this.subscriptionLayers.delete(id);
    for (const [id, current] of [...this.dispatchers]) {
      if (wanted.get(id)?.version === current.version) continue;
      this.dispatchers.delete(id);
      await current.dispatcher.stop();
    }
    for (const subscription of wanted.values()) {
      if (this.dispatchers.has(subscription.id)) continue;
      const dispatcher = await this.create(subscription);
      if (dispatcher) this.dispatchers.set(subscription.id, { dispatcher, version: subscription.version });
    }
  }

  private async create(subscription: DeliverySubscription): Promise<SubscriptionDispatcher | undefined> {
    const { adapter, options, logger } = this.deps;
    let plan: DeliveryPlan;
    let sender;
    try {
      plan = this.deps.plan(subscription);
      sender = adapter.createSender(subscription, plan);
    } catch (error) {
      logger.error({ subscriptionId: subscription.id, reason: describeError(error) }, 'subscription cannot be delivered: configuration error');
      await this.deps.states.recordError(subscription.id, 'configuration', describeError(error)).catch(() => undefined);
      return undefined;
    }
    const dispatcher = new SubscriptionDispatcher({
      subscription,
      plan,
      sender,
      layers: [this.layer, this.subscriptionLayer(subscription.id, plan)],
      fence: this.fence,
      queue: this.deps.queue,
      runs: this.deps.runs,
      writer: this.deps.writer,
      options,
      logger: logger.child({ subscriptionId: subscription.id }),
      metrics: this.deps.metrics,
      onThrottled: (retryAfterMs) => this.layer.pauseUntil(performance.now() + retryAfterMs),
    });
    dispatcher.start();
    return dispatcher;
  }

  private subscriptionLayer(subscriptionId: number, plan: DeliveryPlan): LimitLayer {
    let layer = this.subscriptionLayers.get(subscriptionId);
    if (layer) layer.update(plan.limits);
    else {
      layer = new LimitLayer(plan.limits, 1_000 + this.deps.options.rateWindowMarginMs);
      this.subscriptionLayers.set(subscriptionId, layer);
    }
    return layer;
  }
}
