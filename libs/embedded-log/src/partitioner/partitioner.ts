import { murmur2 } from './murmur2';

/** Kafka's default for a keyed record: positive murmur2 of the UTF-8 key, modulo the partition count. */
export function partitionForKey(key: string, partitions: number): number {
  assertPartitionCount(partitions);
  return (murmur2(Buffer.from(key, 'utf8')) & 0x7fffffff) % partitions;
}

/**
 * Chooses the partition of each record: keyed records by hash (so one key always lands on one
 * partition and keeps its order), records without a key round-robin over the partitions.
 */
export class Partitioner {
  private readonly roundRobin = new Map<string, number>();

  partitionOf(topic: string, key: string | null, partitions: number): number {
    if (key !== null) return partitionForKey(key, partitions);
    assertPartitionCount(partitions);
    const next = this.roundRobin.get(topic) ?? 0;
    this.roundRobin.set(topic, (next + 1) % partitions);
    return next % partitions;
  }
}

function assertPartitionCount(partitions: number): void {
  if (!Number.isInteger(partitions) || partitions < 1) throw new RangeError(`invalid partition count ${partitions}`);
}
