import type { RowEnvelope } from '@activation/delivery';
import type { DocumentRow } from '../document/document-row';

/**
 * Seed 004's example Event Hub message (../shared/seeds/004_*.txt, "Export Audiences (Event Hub)"), copied verbatim, and the
 * membership rows it describes, for specs that rebuild it field by field.
 */
// Verbatim, including the no-break space of the e-mail (written as an escape).
export const SEED_004_EXAMPLE_TEXT = `{
  "data": {
    "_created": "2016-06-29T18:50:16.902758229Z",
    "_modified": "2017-03-18T06:12:36.829070108Z",
    "email": "[email\u00a0protected]",
    "user_id": "user123",
    "segment_events":[
        {
            "id": "d3d8f15855b6b067709577342fe72db9",
            "event": "exit",
            "enter": "2017-03-02T06:12:36.829070108Z",
            "exit": "2017-03-18T06:12:36.829070108Z",
            "slug": "demo_segment"
        },
        {
            "id": "abc678asdf",
            "event": "enter",
            "enter": "2017-03-02T06:12:36.829070108Z",
            "exit": "2099-03-18T06:12:36.829070108Z",
            "slug": "another_segment"
        }
    ]
  },
  "meta":{
     "object":"user",
     "subscription_id": "7e2b8804bbe162cd3f9c0c5991bf3078",
     "timestamp": "2017-03-18T06:12:36.829070108Z"
  }
}`;

export const SEED_004_EXAMPLE: {
  data: Record<string, unknown> & { segment_events: Array<Record<string, string>> };
  meta: Record<string, string>;
} = JSON.parse(SEED_004_EXAMPLE_TEXT);

/** Seed 004's times carry nanoseconds; membership events carry milliseconds. */
export function epochMs(rfc3339: string): number {
  const match = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(rfc3339);
  if (!match) throw new Error(`not an RFC 3339 time: ${rfc3339}`);
  return Date.parse(`${match[1]}.${(match[2] ?? '').padEnd(3, '0').slice(0, 3)}${match[3]}`);
}

const [exited, entered] = SEED_004_EXAMPLE.data.segment_events;
const { segment_events: _events, ...userFields } = SEED_004_EXAMPLE.data;

/** The two membership rows of the example's one evaluation: an exit of one audience and an entry into another. */
export function seed004Rows(evaluationId = 'seed-004-evaluation'): DocumentRow[] {
  const common = (segment: Record<string, string>, number: number): RowEnvelope => ({
    profileId: String(userFields['user_id']),
    audienceId: segment['id'],
    audienceNumber: number,
    audienceSlug: segment['slug'],
    audienceVersion: 1,
    identifiers: {},
    timestamp: epochMs(SEED_004_EXAMPLE.meta['timestamp']),
    enteredAt: epochMs(segment['enter']),
    exitedAt: null,
    kind: 'transition',
    backfill: false,
    evaluationId,
  });
  return [
    {
      eventId: '0b0e5d0e-6c52-8f41-9a53-000000000001',
      callType: 'REMOVED',
      values: { ...userFields },
      envelope: { ...common(exited, 1), exitedAt: epochMs(exited['exit']) },
    },
    { eventId: '0b0e5d0e-6c52-8f41-9a53-000000000002', callType: 'NEW', values: { ...userFields }, envelope: common(entered, 2) },
  ];
}
