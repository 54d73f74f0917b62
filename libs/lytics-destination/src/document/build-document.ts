import { OPEN_MEMBERSHIP_EXIT, rfc3339, SEGMENT_EVENTS_FIELD, USER_ID_FIELD, type LyticsDocument, type SegmentEvent } from './lytics-document';
import { segmentEventKind, type DocumentRow } from './document-row';

export function segmentEventOf(row: DocumentRow): SegmentEvent {
  const event = segmentEventKind(row.callType);
  if (!event) throw new Error(`a ${row.callType} row is not an enter or an exit`);
  const { envelope } = row;
  const exit = event === 'exit' ? rfc3339(envelope.exitedAt ?? envelope.timestamp) : OPEN_MEMBERSHIP_EXIT;
  return { id: envelope.audienceId, event, enter: rfc3339(envelope.enteredAt), exit, slug: envelope.audienceSlug };
}

/**
 * One document of one profile's rows of one evaluation: exits first, then enters (each in the
 * order given); the user fields of every row merged, entering rows last so the current values win
 * over an exited audience's last values; `user_id` is always the profile id (see USER_ID_FIELD).
 * An audience appears once per event even when two subscriptions of the destination deliver it.
 */
export function buildDocument(rows: readonly DocumentRow[], subscriptionId: string): LyticsDocument {
  if (rows.length === 0) throw new Error('a document needs at least one row');
  const profileId = rows[0].envelope.profileId;
  if (rows.some((row) => row.envelope.profileId !== profileId)) throw new Error('a document holds the rows of one profile');
  const ordered = [...rows.filter((row) => segmentEventKind(row.callType) === 'exit'), ...rows.filter((row) => segmentEventKind(row.callType) === 'enter')];
  if (ordered.length !== rows.length) throw new Error('every row of a document must be an enter or an exit');
  const fields: Record<string, unknown> = {};
  const events = new Map<string, SegmentEvent>();
  for (const row of ordered) {
    Object.assign(fields, row.values);
    const event = segmentEventOf(row);
    const key = `${event.event}\u001f${event.id}`;
    if (!events.has(key)) events.set(key, event);
  }
  if (SEGMENT_EVENTS_FIELD in fields) throw new Error(`no user field may be named ${SEGMENT_EVENTS_FIELD}`);
  const timestamp = Math.max(...rows.map((row) => row.envelope.timestamp));
  return {
    data: { ...fields, [USER_ID_FIELD]: profileId, segment_events: [...events.values()] },
    meta: { object: 'user', subscription_id: subscriptionId, timestamp: rfc3339(timestamp) },
  };
}
