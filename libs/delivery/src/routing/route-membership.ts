import { projectRow } from '@activation/configuration';
import type { CallType, MembershipEventMessage } from '@activation/contracts';
import { traceIdOf } from '@activation/kafka';
import type { RowEnvelope, RowOrigin, StagedRow } from '../model/delivery-row';
import type { DeliverySubscription } from './subscription-directory';

export interface RoutingTarget {
  subscription: DeliverySubscription;
  /** The triggers of the subscription (call types it delivers). */
  callTypes: ReadonlySet<CallType>;
}

/**
 * Decides which subscriptions receive one membership event, and the row each one gets:
 *
 * - only enabled subscriptions of the event's audience;
 * - a snapshot row only for the subscription it targets (it asked for it);
 * - a `backfill` transition (audience created or edited) under the "future-only" initial sync
 *   only for keys the subscription already received: the destination never gets the audience's
 *   pre-existing population, but still hears about members it knows;
 * - only call types the subscription's triggers choose;
 * - the values through the subscription's projection.
 *
 * `traceparent` is the message's W3C trace context header; a well-formed one is kept in the envelope.
 */
export function routeMembership(
  message: MembershipEventMessage,
  targets: readonly RoutingTarget[],
  origin?: RowOrigin,
  traceparent?: string,
): StagedRow[] {
  const rows: StagedRow[] = [];
  for (const { subscription, callTypes } of targets) {
    if (!subscription.enabled || subscription.audienceId !== message.audienceId) continue;
    if (message.kind === 'snapshot' && message.targetSubscriptionId !== subscription.id) continue;
    if (!callTypes.has(message.callType)) continue;
    const requiresKnownKey = message.kind === 'transition' && message.backfill && subscription.initialSync === 'future-only';
    rows.push({
      subscriptionId: subscription.id,
      primaryKey: message.profileId,
      membershipVersion: message.membershipVersion,
      callType: message.callType,
      eventId: message.eventId,
      origin: origin ?? (message.kind === 'snapshot' ? 'snapshot' : 'stream'),
      values: projectRow(message.projected, subscription.projection),
      envelope: envelopeOf(message, traceparent),
      eventTime: message.timestamp,
      requiresKnownKey,
    });
  }
  return rows;
}

export function envelopeOf(message: MembershipEventMessage, traceparent?: string): RowEnvelope {
  return {
    profileId: message.profileId,
    audienceId: message.audienceId,
    audienceNumber: message.audienceNumber,
    audienceSlug: message.audienceSlug,
    audienceVersion: message.audienceVersion,
    identifiers: message.identifiers,
    timestamp: message.timestamp,
    enteredAt: message.enteredAt,
    exitedAt: message.exitedAt ?? null,
    kind: message.kind,
    backfill: message.backfill,
    evaluationId: message.cause.inputEventId,
    ...(message.receivedAt !== undefined ? { receivedAt: message.receivedAt } : {}),
    ...(traceIdOf(traceparent) !== undefined ? { traceparent } : {}),
  };
}
