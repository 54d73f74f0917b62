/** RFC 3339 date-time in UTC or with an offset; up to nanoseconds (seed 004 shows nine digits). */
const RFC3339 = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:([0-5]\\d|60)(\\.\\d{1,9})?(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)$';

/**
 * JSON Schema (2020-12) of one Lytics-style enter/exit document. Strict: nothing but the listed
 * keys, except the user fields beside `user_id` and `segment_events` in `data`.
 */
export const LYTICS_DOCUMENT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://activation.example/schemas/lytics-document.json',
  title: 'Lytics-style audience enter/exit document',
  type: 'object',
  required: ['data', 'meta'],
  additionalProperties: false,
  properties: {
    data: {
      type: 'object',
      required: ['user_id', 'segment_events'],
      properties: {
        user_id: { type: 'string', minLength: 1 },
        segment_events: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['id', 'event', 'enter', 'exit', 'slug'],
            additionalProperties: false,
            properties: {
              id: { type: 'string', minLength: 1 },
              event: { enum: ['enter', 'exit'] },
              enter: { type: 'string', pattern: RFC3339 },
              exit: { type: 'string', pattern: RFC3339 },
              slug: { type: 'string', minLength: 1 },
            },
          },
        },
      },
    },
    meta: {
      type: 'object',
      required: ['object', 'subscription_id', 'timestamp'],
      additionalProperties: false,
      properties: {
        object: { const: 'user' },
        subscription_id: { type: 'string', minLength: 1 },
        timestamp: { type: 'string', pattern: RFC3339 },
      },
    },
  },
} as const;
