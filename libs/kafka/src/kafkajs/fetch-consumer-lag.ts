import type { Admin } from 'kafkajs';
import type { PartitionLag } from '../bus/consumer-lag';

/**
 * Lag of each group on each partition of its topics: the high watermark minus the committed
 * offset (a group that committed nothing yet is behind by everything still retained).
 */
export async function fetchConsumerLag(admin: Admin, groups: ReadonlyArray<{ groupId: string; topics: readonly string[] }>): Promise<PartitionLag[]> {
  const lags: PartitionLag[] = [];
  const ends = new Map<string, Promise<Array<{ partition: number; high: string; low: string }>>>();
  const endsOf = (topic: string) => {
    const known = ends.get(topic);
    if (known) return known;
    const fetched = admin.fetchTopicOffsets(topic);
    ends.set(topic, fetched);
    return fetched;
  };
  for (const { groupId, topics } of groups) {
    const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
    for (const { topic, partitions } of committed) {
      const offsets = new Map(partitions.map((partition) => [partition.partition, Number(partition.offset)]));
      for (const { partition, high, low } of await endsOf(topic)) {
        const at = offsets.get(partition) ?? -1;
        const from = at >= 0 ? at : Number(low);
        lags.push({ groupId, topic, partition, lag: Math.max(0, Number(high) - from) });
      }
    }
  }
  return lags;
}
