import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { describeError } from '@activation/kafka';
import type { CallFence } from '../dispatch/subscription-dispatcher';
import type { LeaseGrant, LeaseRepository } from '../store/lease-repository';

export interface LeaseScope {
  scope: string;
  /** The longest call made under this lease; the lease lasts long enough for it to end. */
  maxCallMs: number;
}

export interface LeaseCallbacks {
  /** The scope is ours: start its work. */
  acquired(scope: string, fence: CallFence): Promise<void>;
  /** Stop the scope's work and wait for calls in flight (they end before the lease does). */
  released(scope: string): Promise<void>;
}

export interface LeaseManagerOptions {
  service: string;
  workerId: string;
  ttlMs: number;
  renewMs: number;
  /**
   * The window rate limits are counted over. The last call of an owner starts at least this long
   * before the next owner's first, so no window at the destination sees both owners' calls.
   */
  quietMs: number;
}

interface Held {
  grant: LeaseGrant;
  ttlMs: number;
  /** performance.now() before which the lease is surely still ours. */
  expiresAt: number;
  /** Set while its work stops: no new calls; renewed until the calls in flight have ended. */
  draining?: Promise<void>;
  lost?: boolean;
}

/** Calls must end this long before the lease does (timer and clock-rate slack). */
const FENCE_SAFETY_MS = 1_000;

/**
 * Gives each destination (scope) one dispatching replica at a time, so its rate and concurrency
 * limits are plain counters in that replica and hold across replicas. Every `renewMs` a worker
 * heartbeats, renews its leases, and takes or gives back scopes so each live worker holds about
 * its share. A call may start only if it ends (timeout included) and one rate window passes
 * before the lease could expire as seen from this replica; a new owner takes a scope only after
 * the lease expired in the database, and a scope given back stays closed for one rate window.
 * So two replicas never call one destination at the same time, nor within one rate window.
 * Giving a scope back waits for its calls in flight without holding up the renewal of others.
 */
export class LeaseManager {
  private readonly held = new Map<string, Held>();
  private timer?: NodeJS.Timeout;
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly repository: LeaseRepository,
    private readonly options: LeaseManagerOptions,
    private readonly scopes: () => LeaseScope[],
    private readonly callbacks: LeaseCallbacks,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    const loop = () => {
      void this.round().finally(() => {
        if (!this.stopped) this.timer = setTimeout(loop, this.options.renewMs);
      });
    };
    loop();
  }

  /** Runs one round soon (configuration changed); rounds never overlap. */
  nudge(): Promise<void> {
    return this.round();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.chain;
    for (const scope of [...this.held.keys()]) this.giveBack(scope);
    await Promise.all([...this.held.values()].map((lease) => lease.draining));
    await this.repository.forgetWorker(this.options.workerId).catch(() => undefined);
  }

  owned(): string[] {
    return [...this.held].filter(([, lease]) => !lease.draining).map(([scope]) => scope);
  }

  private round(): Promise<void> {
    this.chain = this.chain.then(() => (this.stopped ? undefined : this.tick()));
    return this.chain;
  }

  private async tick(): Promise<void> {
    try {
      const { workerId, service, renewMs } = this.options;
      const wanted = new Map(this.scopes().map((scope) => [scope.scope, scope]));
      // A replica that cannot renew does not count as live either, so the others take over its share.
      if (!(await this.renewAll(wanted))) return;
      await this.repository.heartbeat(workerId, service);
      for (const scope of this.owned()) if (!wanted.has(scope)) this.giveBack(scope);
      const live = Math.max(1, await this.repository.liveWorkers(service, renewMs * 3));
      const share = Math.ceil(wanted.size / live);
      const extra = this.owned().sort((a, b) => rank(workerId, a) - rank(workerId, b)).slice(share);
      for (const scope of extra) this.giveBack(scope);
      if (this.owned().length < share) await this.acquireUpTo(share, [...wanted.values()]);
    } catch (error) {
      this.logger.warn({ reason: describeError(error) }, 'lease round failed');
    }
  }

  private async renewAll(wanted: Map<string, LeaseScope>): Promise<boolean> {
    const renewing = [...this.held].filter(([, lease]) => !lease.lost).map(([scope, lease]) => ({ scope, lease, ttlMs: this.ttlFor(wanted.get(scope)) }));
    const started = performance.now();
    const kept = await this.repository.renew(renewing.map(({ lease, ttlMs }) => ({ grant: lease.grant, ttlMs })), this.options.workerId).catch((error) => {
      this.logger.warn({ reason: describeError(error) }, 'renewing leases failed; calls stop before they could expire');
      return undefined;
    });
    if (!kept) return false;
    for (const { scope, lease, ttlMs } of renewing) {
      if (kept.has(scope)) {
        lease.expiresAt = started + ttlMs;
        lease.ttlMs = ttlMs;
        continue;
      }
      this.logger.warn({ scope }, 'lease lost; stopping its work');
      lease.lost = true;
      lease.expiresAt = 0;
      this.giveBack(scope);
    }
    return true;
  }

  private async acquireUpTo(share: number, candidates: LeaseScope[]): Promise<void> {
    const free = candidates.filter((scope) => !this.held.has(scope.scope));
    const holders = await this.repository.holders(free.map((scope) => scope.scope));
    const order = free.filter((scope) => !holders.has(scope.scope)).sort((a, b) => rank(this.options.workerId, a.scope) - rank(this.options.workerId, b.scope));
    for (const scope of order) {
      if (this.owned().length >= share || this.stopped) return;
      const ttlMs = this.ttlFor(scope);
      const started = performance.now();
      const grant = await this.repository.acquire(scope.scope, this.options.workerId, ttlMs);
      if (!grant) continue;
      const lease: Held = { grant, ttlMs, expiresAt: started + ttlMs };
      this.held.set(scope.scope, lease);
      this.logger.info({ scope: scope.scope, epoch: grant.epoch }, 'lease acquired');
      await this.callbacks.acquired(scope.scope, {
        canStart: (timeoutMs) =>
          !lease.draining && performance.now() + Math.max(timeoutMs, this.options.quietMs) + FENCE_SAFETY_MS < lease.expiresAt,
      });
    }
  }

  /** Stops a scope's work in the background; the lease is released (kept closed one rate window) once its calls ended. */
  private giveBack(scope: string): void {
    const lease = this.held.get(scope);
    if (!lease || lease.draining) return;
    lease.draining = (async () => {
      try {
        await this.callbacks.released(scope);
      } catch (error) {
        this.logger.warn({ scope, reason: describeError(error) }, 'stopping a destination\'s work failed');
      }
      if (!lease.lost && lease.expiresAt > performance.now()) {
        await this.repository.release(lease.grant, this.options.workerId, this.options.quietMs).catch(() => undefined);
      }
      this.held.delete(scope);
    })();
  }

  private ttlFor(scope: LeaseScope | undefined): number {
    const longest = Math.max(scope?.maxCallMs ?? 0, this.options.quietMs);
    return Math.max(this.options.ttlMs, longest + 3 * this.options.renewMs + FENCE_SAFETY_MS);
  }
}

/** Rendezvous order: each worker prefers different scopes, so concurrent acquisitions spread out. */
function rank(workerId: string, scope: string): number {
  return createHash('sha1').update(`${workerId}|${scope}`).digest().readUInt32BE(0);
}
