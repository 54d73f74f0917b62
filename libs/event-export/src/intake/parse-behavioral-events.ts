import { parseJsonBytes, validateProfileInput, type BehavioralEventMessage, type FieldError } from '@activation/contracts';
import type { ConsumedMessage } from '@activation/kafka';
import type { ExportEvent } from '../store/export-event.repository';

export interface ParsedBatch {
  events: ExportEvent[];
  /** Messages that are not valid profile inputs, by offset with the reason. */
  invalid: Array<{ offset: string; reason: string }>;
}

/** Keeps the behavioral events of a profile-inputs batch; profile changes are not exported. */
export function parseBehavioralEvents(messages: readonly ConsumedMessage[]): ParsedBatch {
  const events: ExportEvent[] = [];
  const invalid: ParsedBatch['invalid'] = [];
  for (const message of messages) {
    const json = message.value ? parseJsonBytes(message.value) : { ok: false as const, error: 'message has no value' };
    if (!json.ok) {
      invalid.push({ offset: message.offset, reason: json.error });
      continue;
    }
    const input = validateProfileInput(json.value);
    if (!input.ok) {
      invalid.push({ offset: message.offset, reason: describe(input.errors) });
      continue;
    }
    if (input.value.kind === 'event') events.push(toExportEvent(input.value));
  }
  return { events, invalid };
}

function toExportEvent(message: BehavioralEventMessage): ExportEvent {
  return {
    eventId: message.eventId, profileId: message.profileId, name: message.name, occurredAt: message.occurredAt,
    receivedAt: message.receivedAt, source: message.source, ...(message.properties ? { properties: message.properties } : {}),
  };
}

function describe(errors: FieldError[]): string {
  return errors.slice(0, 5).map((error) => `${error.path} ${error.message}`).join('; ');
}
