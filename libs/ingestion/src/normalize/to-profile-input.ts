import {
  BEHAVIORAL_EVENT_VERSION, HEADERS, PROFILE_CHANGE_VERSION,
  type BehavioralEventMessage, type ProfileChangeMessage, type ProfileInputMessage,
} from '@activation/contracts';
import { childTraceparent } from '@activation/kafka';
import type { OutgoingMessage } from '@activation/kafka';
import type { InputDraft } from '../validation/input-draft';

export interface Stamp {
  eventId: string;
  receivedAt: number;
  /** Where it came from (`http`, `webhook:<slug>`, `kafka`), carried on the message. */
  source: string;
}

/** The normalized message: receipt time stands in for a missing time of change. */
export function toProfileInput(draft: InputDraft, stamp: Stamp): ProfileInputMessage {
  if (draft.kind === 'event') {
    const event: BehavioralEventMessage = {
      kind: 'event',
      eventId: stamp.eventId,
      version: BEHAVIORAL_EVENT_VERSION,
      profileId: draft.profileId,
      name: draft.name,
      occurredAt: draft.occurredAt ?? stamp.receivedAt,
      receivedAt: stamp.receivedAt,
      source: stamp.source,
      ...(draft.properties === undefined ? {} : { properties: draft.properties }),
    };
    return event;
  }
  const change: ProfileChangeMessage = {
    kind: 'profile-change',
    eventId: stamp.eventId,
    version: PROFILE_CHANGE_VERSION,
    profileId: draft.profileId,
    changedAt: draft.changedAt ?? stamp.receivedAt,
    receivedAt: stamp.receivedAt,
    source: stamp.source,
    ...(draft.set === undefined ? {} : { set: draft.set }),
    ...(draft.unset === undefined ? {} : { unset: draft.unset }),
    ...(draft.identifiers === undefined ? {} : { identifiers: draft.identifiers }),
    ...(draft.deleted === undefined ? {} : { deleted: draft.deleted }),
  };
  return change;
}

export type Encoded =
  | { ok: true; message: OutgoingMessage; bytes: number }
  | { ok: false; code: 'invalid-field' | 'too-long'; reason: string };

/**
 * Encodes the message as it goes to Kafka (keyed by profile id, so one profile stays in order).
 * Every field comes from a checked item or from the ingester itself; the source label is the one
 * part a configuration (a webhook slug) could make too long for the topic's contract.
 * (to-profile-input.spec.ts checks the output against the contract.)
 */
export function encodeProfileInput(message: ProfileInputMessage, maxBytes: number, traceparent?: string): Encoded {
  if (message.source.length === 0 || message.source.length > 128) {
    return { ok: false, code: 'invalid-field', reason: 'the source label must be 1 to 128 characters' };
  }
  const value = Buffer.from(JSON.stringify(message), 'utf8');
  if (value.length > maxBytes) {
    return { ok: false, code: 'too-long', reason: `the normalized item is ${value.length} bytes; the limit is ${maxBytes}` };
  }
  return {
    ok: true,
    bytes: value.length,
    message: {
      key: message.profileId,
      value,
      headers: {
        [HEADERS.eventId]: message.eventId,
        [HEADERS.schemaVersion]: String(message.version),
        [HEADERS.messageType]: message.kind,
        [HEADERS.traceparent]: childTraceparent(traceparent),
      },
    },
  };
}
