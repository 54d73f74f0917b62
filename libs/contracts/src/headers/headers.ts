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
} as const;
