import { validateMessage, type Validated } from '../../validation/validate-message';
import { BehavioralEventMessage } from './behavioral-event.message';
import { ProfileChangeMessage } from './profile-change.message';

/** What flows on the profile-inputs topic: one topic, so one profile's inputs stay in order. */
export type ProfileInputMessage = ProfileChangeMessage | BehavioralEventMessage;

export function validateProfileInput(plain: unknown): Validated<ProfileInputMessage> {
  const kind = (plain as { kind?: unknown } | null)?.kind;
  if (kind === 'profile-change') return validateMessage(ProfileChangeMessage, plain);
  if (kind === 'event') return validateMessage(BehavioralEventMessage, plain);
  return { ok: false, errors: [{ path: '$.kind', message: 'kind must be "profile-change" or "event"' }] };
}
