/**
 * The Lytics-style enter/exit document (seed 004, "Export Audiences (Event Hub)"): one per
 * profile per evaluation, with the user fields and every enter/exit the evaluation caused.
 */
export interface SegmentEvent {
  /** The audience's id. */
  id: string;
  event: 'enter' | 'exit';
  /** RFC 3339 time the profile entered the audience. */
  enter: string;
  /** RFC 3339 time it left; `OPEN_MEMBERSHIP_EXIT` while it is still a member. */
  exit: string;
  /** The audience's slug. */
  slug: string;
}

export interface LyticsDocument {
  /** The user fields, `user_id` (always the profile id) and the segment events. */
  data: Record<string, unknown> & { user_id: string; segment_events: SegmentEvent[] };
  meta: {
    object: 'user';
    subscription_id: string;
    /** RFC 3339 time of the change that caused the evaluation. */
    timestamp: string;
  };
}

/**
 * The `exit` of a membership that has not ended. One constant, taken from seed 004's example
 * (its open membership's exit), so consumers written against that example read the same value.
 */
export const OPEN_MEMBERSHIP_EXIT = '2099-03-18T06:12:36.829070108Z';

/**
 * The data key identifying the user, as in seed 004's example (`"user_id": "user123"`): always
 * the profile id, whether or not the projection sends any field, so every document says whose
 * enters and exits it carries. No projected field may be sent under it.
 */
export const USER_ID_FIELD = 'user_id';

/** The data key holding the segment events; no user field may be sent under it. */
export const SEGMENT_EVENTS_FIELD = 'segment_events';

export function rfc3339(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
