import { performance } from 'node:perf_hooks';
import type { BusLogger } from '@activation/kafka';
import { fairShare } from './fair-share';
import type { GroupStore, PartitionRef } from './group-store';

/** A partition this member holds. `releasing`: handed back once its in-flight batch is done. */
export interface OwnedPartition extends PartitionRef {
  releasing: boolean;
  busy: boolean;
}

const keyOf = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * One member's view of its consumer group. Each round (`rebalance`) it renews its member row and
 * partition leases, drops partitions it lost, and moves towards its fair share: handing back
 * partitions beyond it (after their in-flight batch) and claiming free ones below it.
 */
export class GroupMembership {
  private readonly owned = new Map<string, OwnedPartition>();
  /** Local monotonic time until which the leases renewed last are certainly still ours. */
  private leasedUntil = 0;
  private stopping = false;

  constructor(
    private readonly store: GroupStore,
    private readonly options: { topics: string[]; fromBeginning: boolean; leaseMs: number; logger: BusLogger },
  ) {}

  async rebalance(): Promise<void> {
    const started = performance.now();
    await this.store.heartbeat(this.options.topics);
    const renewed = new Set((await this.store.renewLeases()).map((ref) => keyOf(ref.topic, ref.partition)));
    this.leasedUntil = started + this.options.leaseMs;
    for (const [key, owned] of this.owned) {
      if (renewed.has(key)) continue;
      this.owned.delete(key);
      this.options.logger.warn({ topic: owned.topic, partition: owned.partition }, 'partition lease lost to another member');
    }
    if (this.stopping) return;
    const partitionCounts = await this.store.ensurePartitionRows(this.options.topics);
    const members = await this.store.liveMembers();
    for (const topic of this.options.topics) {
      const subscribed = members.filter((member) => member.topics.includes(topic)).map((member) => member.memberId);
      const target = fairShare(partitionCounts.get(topic) ?? 0, subscribed, this.store.memberId);
      const mine = [...this.owned.values()].filter((owned) => owned.topic === topic && !owned.releasing);
      if (mine.length > target) {
        for (const owned of mine.sort((a, b) => b.partition - a.partition).slice(0, mine.length - target)) {
          owned.releasing = true;
        }
      } else if (mine.length < target) {
        const claimed = await this.store.claim(topic, target - mine.length, this.options.fromBeginning);
        for (const partition of claimed) {
          this.owned.set(keyOf(topic, partition), { topic, partition, releasing: false, busy: false });
        }
        if (claimed.length > 0) this.options.logger.info({ topic, partitions: claimed }, 'partitions assigned');
      }
    }
    await this.releaseIdle();
  }

  /** Marks the partition busy for one batch; undefined when it is not ours to start on. */
  begin(topic: string, partition: number): OwnedPartition | undefined {
    const owned = this.owned.get(keyOf(topic, partition));
    if (!owned || owned.releasing || owned.busy || this.stopping) return undefined;
    owned.busy = true;
    return owned;
  }

  end(owned: OwnedPartition): void {
    owned.busy = false;
    if (owned.releasing) {
      void this.releaseIdle().catch((error) =>
        this.options.logger.warn({ error: String(error) }, 'releasing partitions failed; the next round retries'),
      );
    }
  }

  /** False once the member stops, lost the partition, or could not renew its leases in time. */
  isActive(owned: OwnedPartition): boolean {
    return (
      !this.stopping &&
      this.owned.get(keyOf(owned.topic, owned.partition)) === owned &&
      performance.now() < this.leasedUntil
    );
  }

  /** The partition turned out to belong to another member (a fenced commit failed). */
  lost(owned: OwnedPartition): void {
    if (this.owned.get(keyOf(owned.topic, owned.partition)) === owned) this.owned.delete(keyOf(owned.topic, owned.partition));
  }

  /** Starts no new batch from now on; in-flight batches see isActive() false but may still commit. */
  beginStop(): void {
    this.stopping = true;
  }

  async leave(): Promise<void> {
    this.owned.clear();
    await this.store.leave();
  }

  private async releaseIdle(): Promise<void> {
    for (const [key, owned] of this.owned) {
      if (!owned.releasing || owned.busy) continue;
      this.owned.delete(key);
      await this.store.release(owned);
      this.options.logger.info({ topic: owned.topic, partition: owned.partition }, 'partition handed back for rebalance');
    }
  }
}
