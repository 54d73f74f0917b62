/** Kafka header names shared by producers and consumers. */
export const HEADERS = {
  eventId: 'x-event-id',
  schemaVersion: 'x-schema-version',
  messageType: 'x-message-type',
  traceparent: 'traceparent',
  deadLetterReason: 'x-dlq-reason',
  deadLetterService: 'x-dlq-service',
  deadLetterAt: 'x-dlq-at',
  sourceTopic: 'x-source-topic',
  sourcePartition: 'x-source-partition',
  sourceOffset: 'x-source-offset',
  /** On a replayed message: the id of the dead letter it was replayed from. */
  replayOf: 'x-replay-of',
} as const;
