import { deterministicEventId, randomEventId } from '@activation/contracts';
import type { InputDraft } from '../validation/input-draft';

/**
 * How the event id of each accepted input is chosen, most stable first:
 * - the sender gave an id: derived from (scope, kind, sender id), so a resend is recognized downstream;
 * - the request carries an Idempotency-Key: derived from (scope, key, position), so a retry after an
 *   unanswered attempt produces the same ids;
 * - otherwise a random id.
 * `scope` names the sender (API key, webhook source, raw topic), so two senders' ids never collide.
 */
export function eventIdFor(draft: InputDraft, index: number, scope: string, idempotencyKey?: string): string {
  if (draft.senderId !== undefined) return deterministicEventId('profile-input', scope, draft.kind, draft.senderId);
  if (idempotencyKey !== undefined) return deterministicEventId('profile-input-request', scope, idempotencyKey, index);
  return randomEventId();
}
