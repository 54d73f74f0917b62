import { parseJsonBytes, SnapshotRequestMessage, validateMessage } from '@activation/contracts';
import { PermanentMessageError, type ConsumedMessage } from '@activation/kafka';
import { UnknownAudienceError, type SnapshotRequests } from '../jobs/snapshot-requests';

/** Turns snapshot-request messages into snapshot jobs (idempotent on the request's eventId). */
export async function handleSnapshotRequests(
  snapshots: SnapshotRequests,
  messages: readonly ConsumedMessage[],
): Promise<void> {
  const problems: string[] = [];
  for (const consumed of messages) {
    const json = consumed.value === null ? { ok: false as const, error: 'message has no value' } : parseJsonBytes(consumed.value);
    if (!json.ok) {
      problems.push(`${consumed.offset}: ${json.error}`);
      continue;
    }
    const validated = validateMessage(SnapshotRequestMessage, json.value);
    if (!validated.ok) {
      problems.push(`${consumed.offset}: ${validated.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
      continue;
    }
    const request = validated.value;
    try {
      await snapshots.requestSnapshot(request.audienceId, request.targetSubscriptionId, {
        requestId: request.eventId,
        requestedAt: request.requestedAt,
      });
    } catch (error) {
      if (!(error instanceof UnknownAudienceError)) throw error;
      problems.push(`${consumed.offset}: ${error.message}`);
    }
  }
  if (problems.length > 0) throw new PermanentMessageError(`invalid snapshot request at offset ${problems.join(', ')}`);
}
