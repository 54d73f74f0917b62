import type { CallType } from '@activation/contracts';
import type { QueuedRow } from '@activation/delivery';

/** Seed 002's output message; key order as in its example. Every field is always present. */
export interface AudienceMessage {
  profileId: string;
  sourceId: string;
  partnerNumber: number;
  callType: CallType;
  /** Exactly one id: several ids of the partner give several messages. */
  partnerIds: [string];
  profileVars: Record<string, unknown>;
  timestamp: number;
  siteNumber: number;
  sourceName: string;
  sourceNumber: number;
  data: Record<string, string>;
}

export interface MessageContext {
  partnerNumber: number;
  siteNumber: number;
  sourceName: string;
  data: Record<string, string>;
}

/**
 * The profile's ids for a partner number, as the membership event carries them
 * (`identifiers["<partner number>"]`): distinct, non-empty, in the order given.
 */
export function partnerIdsOf(identifiers: Readonly<Record<string, readonly string[]>>, partnerNumber: number): string[] {
  const ids = identifiers[String(partnerNumber)];
  if (!Array.isArray(ids)) return [];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id.length > 0))];
}

/**
 * One message per partner id of the row's profile; none when the profile has no id for the
 * partner number (the row is then skipped). `partnerIds` replaces the event's ids (a REMOVED
 * sent with the ids last sent, when the event has none any more). `profileVars` is the subscription's projection,
 * `sourceId` the audience id, `sourceNumber` its integer number, `timestamp` the time of the
 * change that caused the transition (so a replay sends identical messages).
 */
export function audienceMessages(
  row: Pick<QueuedRow, 'callType' | 'values' | 'envelope'>,
  context: MessageContext,
  partnerIds: readonly string[] = partnerIdsOf(row.envelope.identifiers, context.partnerNumber),
): AudienceMessage[] {
  const { envelope } = row;
  return partnerIds.map((partnerId) => ({
    profileId: envelope.profileId,
    sourceId: envelope.audienceId,
    partnerNumber: context.partnerNumber,
    callType: row.callType,
    partnerIds: [partnerId],
    profileVars: { ...row.values },
    timestamp: envelope.timestamp,
    siteNumber: context.siteNumber,
    sourceName: context.sourceName,
    sourceNumber: envelope.audienceNumber,
    data: { ...context.data },
  }));
}
