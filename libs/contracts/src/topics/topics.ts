/** Every Kafka topic of the platform. Names may change; the shape of what flows on them should not. */
export const TOPICS = {
  ingestRaw: 'activation.ingest.raw.v1',
  profileInputs: 'activation.profile-inputs.v1',
  membership: 'activation.membership.v1',
  configChanges: 'activation.config-changes.v1',
  snapshotRequests: 'activation.snapshot-requests.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

export const DEAD_LETTER_SUFFIX = '.dlq';

export function deadLetterTopicOf(topic: string): string {
  return `${topic}${DEAD_LETTER_SUFFIX}`;
}

export function isDeadLetterTopic(topic: string): boolean {
  return topic.endsWith(DEAD_LETTER_SUFFIX);
}
