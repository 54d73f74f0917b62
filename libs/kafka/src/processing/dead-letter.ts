import { HEADERS } from '@activation/contracts';
import type { ConsumedMessage, OutgoingMessage } from '../bus/message-bus';

export interface DeadLetter {
  service: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  reason: string;
  failedAt: Date;
}

/** Records dead letters durably (the `dead_letters` table); provided by the persistence layer. */
export interface DeadLetterRecorder {
  record(deadLetter: DeadLetter): Promise<void>;
}

export const DEAD_LETTER_RECORDER = Symbol('DEAD_LETTER_RECORDER');

export function toDeadLetter(message: ConsumedMessage, service: string, reason: string, failedAt = new Date()): DeadLetter {
  return {
    service,
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    key: message.key,
    value: message.value,
    headers: message.headers,
    reason,
    failedAt,
  };
}

/** The `<topic>.dlq` message: the original bytes (null stays null) and key, the reason and origin in headers. */
export function toDeadLetterMessage(deadLetter: DeadLetter): OutgoingMessage {
  return {
    key: deadLetter.key,
    value: deadLetter.value,
    headers: {
      ...deadLetter.headers,
      [HEADERS.deadLetterReason]: deadLetter.reason.slice(0, 2000),
      [HEADERS.deadLetterService]: deadLetter.service,
      [HEADERS.deadLetterAt]: deadLetter.failedAt.toISOString(),
      [HEADERS.sourceTopic]: deadLetter.topic,
      [HEADERS.sourcePartition]: String(deadLetter.partition),
      [HEADERS.sourceOffset]: deadLetter.offset,
    },
  };
}
