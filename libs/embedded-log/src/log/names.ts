const LEGAL_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

/** Kafka's rules for topic names, so a topic that works here also works on a broker. */
export function assertTopicName(topic: unknown): asserts topic is string {
  if (typeof topic !== 'string' || !LEGAL_NAME.test(topic) || topic === '.' || topic === '..') {
    throw new TypeError(`invalid topic name ${JSON.stringify(topic)}: use 1-249 of [a-zA-Z0-9._-]`);
  }
}

export function assertGroupId(groupId: unknown): asserts groupId is string {
  if (typeof groupId !== 'string' || groupId.length === 0 || groupId.length > 255) {
    throw new TypeError(`invalid consumer group id ${JSON.stringify(groupId)}`);
  }
}

export const MAX_PARTITIONS = 1000;

export function assertPartitions(partitions: unknown): asserts partitions is number {
  if (!Number.isInteger(partitions) || (partitions as number) < 1 || (partitions as number) > MAX_PARTITIONS) {
    throw new RangeError(`invalid partition count ${String(partitions)}: use 1-${MAX_PARTITIONS}`);
  }
}
