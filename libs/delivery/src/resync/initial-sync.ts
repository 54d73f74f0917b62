import type { Logger } from 'pino';
import { deterministicEventId } from '@activation/contracts';
import { describeError } from '@activation/kafka';
import type { DeliverySubscription } from '../routing/subscription-directory';
import type { StateRepository } from '../store/state-repository';
import type { SnapshotRequester } from './snapshot-requester';

/** The snapshot request id of a subscription's initial sync: the same for every replica and retry. */
export function initialSyncRequestId(subscriptionId: number): string {
  return deterministicEventId('initial-sync', subscriptionId);
}

/**
 * Asks once per subscription with the "backfill" initial sync for the audience's current
 * members. The state row makes it once across replicas; the deterministic request id makes a
 * repeated request harmless (the evaluator emits one snapshot per request id).
 */
export async function requestInitialSyncs(
  subscriptions: readonly DeliverySubscription[],
  states: StateRepository,
  requester: SnapshotRequester,
  logger: Logger,
): Promise<void> {
  for (const subscription of subscriptions) {
    if (!subscription.enabled || subscription.initialSync !== 'backfill') continue;
    const requestId = initialSyncRequestId(subscription.id);
    if (!(await states.claimInitialSync(subscription.id, requestId))) continue;
    try {
      await requester.requestSnapshot(subscription.audienceId, subscription.id, requestId);
      logger.info({ subscriptionId: subscription.id, requestId }, 'initial sync requested');
    } catch (error) {
      logger.warn({ subscriptionId: subscription.id, reason: describeError(error) }, 'initial sync request failed; will ask again');
      await states.releaseInitialSync(subscription.id);
    }
  }
}
