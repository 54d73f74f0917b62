import { randomBytes } from 'node:crypto';
import { HEADERS, MEMBERSHIP_EVENT_VERSION } from '@activation/contracts';
import { childTraceparent, type MessageBus } from '@activation/kafka';
import type { DataSource } from 'typeorm';
import type { OutboxMessage, OutboxRepository, OutboxUnit } from '../repositories/outbox-repository';

// Kept well under the broker's default 1 MB request limit; chunks are sent one after another, in order.
const MAX_CHUNK_BYTES = 512 * 1024;
const MAX_CHUNK_MESSAGES = 2_000;
const TRACEPARENT = /^00-([0-9a-f]{32})-[0-9a-f]{16}-([0-9a-f]{2})$/;

/**
 * Publishes pending outbox units of some profiles, oldest first, then deletes them. Every caller
 * publishes the whole pending prefix of its profiles, so a profile's events reach the topic in
 * version order even when a crash left units behind; duplicates keep their eventId.
 */
export class OutboxPublisher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly outbox: OutboxRepository,
    private readonly topic: string,
  ) {}

  async publishFor(profileIds: readonly string[], hooks: { afterPublish?: () => void } = {}): Promise<number> {
    return this.publishUnits(await this.outbox.pendingFor(this.dataSource, profileIds), hooks);
  }

  /**
   * Publishes units already read or written in the caller's transaction (oldest first), then
   * deletes them; returns how many events went out.
   */
  async publishUnits(units: readonly OutboxUnit[], hooks: { afterPublish?: () => void } = {}): Promise<number> {
    const messages = units.flatMap((unit) => unit.messages);
    if (messages.length === 0) return 0;
    const spans = randomBytes(8 * messages.length).toString('hex');
    const outgoing = messages.map((message, index) => toOutgoing(message, spans.slice(16 * index, 16 * index + 16)));
    for (const chunk of chunks(outgoing)) await this.bus.publish(this.topic, chunk);
    hooks.afterPublish?.();
    await this.outbox.delete(this.dataSource, units.map((unit) => unit.id));
    return messages.length;
  }

  /** Publishes units a crash left behind (older than `olderThanMs`); returns how many events. */
  async publishStalled(olderThanMs: number, limit = 100): Promise<number> {
    return this.publishUnits(await this.outbox.stalled(this.dataSource, olderThanMs, limit));
  }
}

function* chunks<T extends { value: string }>(messages: T[]): Generator<T[]> {
  let chunk: T[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = message.value.length + 200;
    if (chunk.length > 0 && (bytes + size > MAX_CHUNK_BYTES || chunk.length >= MAX_CHUNK_MESSAGES)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(message);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

/** The same trace as the input with a new span id (`span`: 16 random hex digits). */
function traceparentFor(parent: string | null, span: string): string {
  const match = parent ? TRACEPARENT.exec(parent) : null;
  return match ? `00-${match[1]}-${span}-${match[2]}` : childTraceparent(undefined);
}

function toOutgoing(message: OutboxMessage, span: string) {
  return {
    key: message.profileId,
    value: message.body,
    headers: {
      [HEADERS.eventId]: message.eventId,
      [HEADERS.schemaVersion]: String(MEMBERSHIP_EVENT_VERSION),
      [HEADERS.messageType]: `membership-${message.kind}`,
      [HEADERS.traceparent]: traceparentFor(message.traceparent, span),
    },
  };
}
