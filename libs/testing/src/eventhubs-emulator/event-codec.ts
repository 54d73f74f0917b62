import { message as amqpMessage, types, type EventContext, type Message } from 'rhea';
import type { IncomingEvent, StoredEvent } from './event-store';

/** Message format of a batch: one AMQP message whose data sections are the encoded events. */
export const BATCH_MESSAGE_FORMAT = 0x80013700;

export const ANNOTATION = {
  partitionKey: 'x-opt-partition-key',
  sequenceNumber: 'x-opt-sequence-number',
  offset: 'x-opt-offset',
  enqueuedTime: 'x-opt-enqueued-time',
} as const;

/** A body section as rhea decodes it (data or sequence sections; an amqp-value body is the plain value). */
interface BodySection {
  typecode: number;
  content: unknown;
  multiple?: boolean;
}

const DATA_SECTION = 0x75;

export interface DecodedDelivery {
  events: IncomingEvent[];
  partitionKey?: string;
  /** Bytes of the whole transfer, checked against the link's max_message_size. */
  size: number;
}

/** The events of one transfer: a batch (format 0x80013700) is unpacked, a plain message is one event. */
export function decodeDelivery(context: EventContext): DecodedDelivery {
  const format = (context as { format?: number }).format ?? 0;
  if (format === 0) {
    const message = context.message as Message;
    const size = amqpMessage.encode(message).length;
    return { events: [{ message, size }], partitionKey: partitionKeyOf(message), size };
  }
  if (format !== BATCH_MESSAGE_FORMAT) throw new Error(`unsupported message format 0x${format.toString(16)}`);
  const bytes = context.message as unknown as Buffer;
  const envelope = decodeMessage(bytes);
  const sections = bodySection(envelope.body);
  if (!sections || sections.typecode !== DATA_SECTION) throw new Error('a batch must hold data sections');
  const encodedEvents = (sections.multiple ? sections.content : [sections.content]) as Buffer[];
  return {
    events: encodedEvents.map((encoded) => ({ message: decodeMessage(Buffer.from(encoded)), size: encoded.length })),
    partitionKey: partitionKeyOf(envelope) ?? partitionKeyOf(decodeMessage(Buffer.from(encodedEvents[0] ?? []))),
    size: bytes.length,
  };
}

// rhea's typings give `decode` a looser Message type than the one its events carry.
const decodeMessage = (bytes: Buffer): Message => amqpMessage.decode(bytes) as unknown as Message;

function partitionKeyOf(message: Message): string | undefined {
  const key = message.message_annotations?.[ANNOTATION.partitionKey];
  return typeof key === 'string' ? key : undefined;
}

export interface DeliveryOptions {
  /** Adds the partition's last-enqueued figures as delivery annotations (the SDK's trackLastEnqueuedEventProperties). */
  lastEnqueued?: StoredEvent;
}

/** The message a consumer receives: the producer's message plus the broker annotations. */
export function toConsumerMessage(event: StoredEvent, options: DeliveryOptions = {}): Message {
  const annotations: Record<string, unknown> = {
    ...(event.message.message_annotations ?? {}),
    [ANNOTATION.sequenceNumber]: types.wrap_long(event.sequenceNumber),
    [ANNOTATION.offset]: String(event.offset),
    [ANNOTATION.enqueuedTime]: event.enqueuedTime,
  };
  if (event.partitionKey !== undefined) annotations[ANNOTATION.partitionKey] = event.partitionKey;
  else delete annotations[ANNOTATION.partitionKey];
  const message = { ...event.message, message_annotations: annotations } as Message;
  delete message.delivery_annotations;
  if (options.lastEnqueued) {
    message.delivery_annotations = {
      last_enqueued_sequence_number: types.wrap_long(options.lastEnqueued.sequenceNumber),
      last_enqueued_offset: String(options.lastEnqueued.offset),
      last_enqueued_time_utc: options.lastEnqueued.enqueuedTime,
      runtime_info_retrieval_time_utc: new Date(),
    };
  }
  return message;
}

/** An event as a test reads it back from the emulator. */
export interface ReceivedEvent {
  hub: string;
  partitionId: string;
  sequenceNumber: number;
  offset: string;
  enqueuedTime: Date;
  partitionKey?: string;
  /** Data bodies parsed as JSON when they are JSON (as the SDK does), else the bytes; value bodies as sent. */
  body: unknown;
  messageId?: unknown;
  correlationId?: unknown;
  contentType?: string;
  applicationProperties: Record<string, unknown>;
  messageAnnotations: Record<string, unknown>;
}

export function toReceivedEvent(hub: string, event: StoredEvent): ReceivedEvent {
  const { message } = event;
  const received: ReceivedEvent = {
    hub,
    partitionId: event.partitionId,
    sequenceNumber: event.sequenceNumber,
    offset: String(event.offset),
    enqueuedTime: event.enqueuedTime,
    body: decodeBody(message.body),
    applicationProperties: { ...(message.application_properties ?? {}) },
    messageAnnotations: { ...(message.message_annotations ?? {}) },
  };
  if (event.partitionKey !== undefined) received.partitionKey = event.partitionKey;
  if (message.message_id !== undefined) received.messageId = message.message_id;
  if (message.correlation_id !== undefined) received.correlationId = message.correlation_id;
  if (message.content_type !== undefined) received.contentType = String(message.content_type);
  return received;
}

function decodeBody(body: unknown): unknown {
  const section = bodySection(body);
  if (!section) return body;
  if (section.typecode !== DATA_SECTION || section.multiple) return section.content;
  const bytes = Buffer.from(section.content as Buffer);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return bytes;
  }
}

function bodySection(body: unknown): BodySection | undefined {
  if (body && typeof body === 'object' && 'typecode' in body && 'content' in body) return body as BodySection;
  return undefined;
}
