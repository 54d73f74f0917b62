/** How far one consumer group is behind on one partition: messages not yet committed. */
export interface PartitionLag {
  groupId: string;
  topic: string;
  partition: number;
  lag: number;
}
