import { deterministicEventId, HEADERS } from '@activation/contracts';
import {
  PermanentMessageError, TransientError, type ConsumedMessage, type MessageBus, type OutgoingMessage,
} from '@activation/kafka';
import type { IngestLimits } from '../limits/ingest-limits';
import type { IngestMetrics } from '../metrics/ingest-metrics';
import { encodeProfileInput, toProfileInput } from '../normalize/to-profile-input';
import { readJsonBody } from '../use-cases/read-batch-body';
import { checkItem } from '../validation/check-item';
import type { InputKind } from '../validation/input-draft';

export interface RawIntakeOptions {
  /** Publishes the normalized messages (the service's bus: retried until the message log is back). */
  bus: MessageBus;
  outputTopic: string;
  limits: IngestLimits;
  metrics: IngestMetrics;
}

type Prepared = { ok: true; message: OutgoingMessage; kind: InputKind } | { ok: false; code: string; reason: string };

const SOURCE_LABEL = /^[A-Za-z0-9._:-]{1,64}$/;
const KINDS: readonly string[] = ['profile-change', 'event'];

/**
 * Consumes the raw topic (see schemas/ingest-raw.v1.schema.json): each value is one profile
 * change or event with a `kind`, checked exactly like an HTTP item. A batch of valid messages is
 * published in one go, in order. If any message is invalid the batch is refused as a whole with a
 * PermanentMessageError: the messaging layer then hands the messages over one at a time, so each
 * valid one is published and each invalid one goes to `<topic>.dlq` and the dead_letters table
 * with its reason. Event ids are stable across redelivery (sender id, else topic/partition/offset).
 */
export class RawIntakeHandler {
  constructor(private readonly options: RawIntakeOptions) {}

  async handle(messages: ConsumedMessage[]): Promise<void> {
    const prepared = messages.map((message) => this.prepare(message));
    const invalid = prepared.filter((entry): entry is Extract<Prepared, { ok: false }> => !entry.ok);
    if (invalid.length > 0) {
      if (messages.length === 1) {
        this.options.metrics.deadLettered.inc({ source: 'kafka', reason: invalid[0].code });
        throw new PermanentMessageError(invalid[0].reason);
      }
      throw new PermanentMessageError(`${invalid.length} of ${messages.length} raw messages are invalid`);
    }
    const valid = prepared as Array<Extract<Prepared, { ok: true }>>;
    try {
      await this.options.bus.publish(this.options.outputTopic, valid.map((entry) => entry.message));
    } catch (error) {
      throw new TransientError(`publishing to ${this.options.outputTopic} failed: ${(error as Error).message}`, { cause: error });
    }
    for (const entry of valid) this.options.metrics.accepted.inc({ source: 'kafka', kind: entry.kind });
  }

  prepare(consumed: ConsumedMessage): Prepared {
    if (consumed.value === null || consumed.value.length === 0) return { ok: false, code: 'invalid-envelope', reason: 'message has no value' };
    const json = readJsonBody(consumed.value);
    if (!json.ok) return { ok: false, code: json.code, reason: String(json.answer.body['detail']) };
    const value = json.value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { ok: false, code: 'invalid-envelope', reason: '$: the value must be a JSON object' };
    }
    const { kind, source, ...item } = value as Record<string, unknown>;
    if (typeof kind !== 'string' || !KINDS.includes(kind)) {
      return { ok: false, code: 'invalid-envelope', reason: '$.kind: must be "profile-change" or "event"' };
    }
    if (source !== undefined && (typeof source !== 'string' || !SOURCE_LABEL.test(source))) {
      return { ok: false, code: 'invalid-field', reason: '$.source: must be 1 to 64 letters, digits or . _ : -' };
    }
    const check = checkItem(kind as InputKind, item, '$', this.options.limits);
    if (!check.ok) {
      return { ok: false, code: check.problems[0].code, reason: check.problems.map((p) => `${p.path}: ${p.reason}`).join('; ') };
    }
    const label = source === undefined ? 'kafka' : `kafka:${source}`;
    const eventId =
      check.draft.senderId !== undefined
        ? deterministicEventId('profile-input', label, check.draft.kind, check.draft.senderId)
        : deterministicEventId('profile-input-raw', consumed.topic, consumed.partition, consumed.offset);
    const receivedAt = consumed.timestamp > 0 ? consumed.timestamp : Date.now();
    const message = toProfileInput(check.draft, { eventId, receivedAt, source: label });
    const encoded = encodeProfileInput(message, this.options.limits.maxItemBytes, consumed.headers[HEADERS.traceparent]);
    if (!encoded.ok) return { ok: false, code: encoded.code, reason: encoded.reason };
    return { ok: true, message: encoded.message, kind: check.draft.kind };
  }
}
