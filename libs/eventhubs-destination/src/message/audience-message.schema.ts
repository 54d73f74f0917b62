/**
 * JSON Schema of seed 002's message: every field required, nothing else allowed, exactly one
 * partner id. Tests check every message they read against it.
 */
export const AUDIENCE_MESSAGE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://activation.dev/schemas/eventhubs-audience-message.json',
  title: 'Event Hubs audience message (seed 002)',
  type: 'object',
  additionalProperties: false,
  required: ['profileId', 'sourceId', 'partnerNumber', 'callType', 'partnerIds', 'profileVars', 'timestamp', 'siteNumber', 'sourceName', 'sourceNumber', 'data'],
  properties: {
    profileId: { type: 'string', minLength: 1 },
    sourceId: { type: 'string', minLength: 1 },
    partnerNumber: { type: 'integer', minimum: 1 },
    callType: { enum: ['NEW', 'MODIFIED', 'REMOVED'] },
    partnerIds: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, maxItems: 1 },
    profileVars: { type: 'object' },
    timestamp: { type: 'integer', minimum: 0 },
    siteNumber: { type: 'integer', minimum: 0 },
    sourceName: { type: 'string' },
    sourceNumber: { type: 'integer' },
    data: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;
