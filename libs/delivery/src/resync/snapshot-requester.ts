import { SNAPSHOT_REQUEST_VERSION, type SnapshotRequestMessage } from '@activation/contracts';
import type { MessageBus } from '@activation/kafka';

/** Asks the evaluator for an audience's current members, addressed to one subscription. */
export interface SnapshotRequester {
  /** The same `requestId` never produces a second snapshot. */
  requestSnapshot(audienceId: string, targetSubscriptionId: number, requestId: string): Promise<void>;
}

export const SNAPSHOT_REQUESTER = Symbol('SNAPSHOT_REQUESTER');

/** Publishes the request on the snapshot-requests topic (keyed by audience), where the evaluator reads it. */
export class TopicSnapshotRequester implements SnapshotRequester {
  constructor(
    private readonly bus: MessageBus,
    private readonly topic: string,
  ) {}

  async requestSnapshot(audienceId: string, targetSubscriptionId: number, requestId: string): Promise<void> {
    const message: SnapshotRequestMessage = {
      eventId: requestId,
      version: SNAPSHOT_REQUEST_VERSION,
      audienceId,
      targetSubscriptionId,
      requestedAt: Date.now(),
    };
    await this.bus.publish(this.topic, [{ key: audienceId, value: message }]);
  }
}
