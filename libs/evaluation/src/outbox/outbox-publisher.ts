import { HEADERS, MEMBERSHIP_EVENT_VERSION } from '@activation/contracts';
import { childTraceparent, type MessageBus } from '@activation/kafka';
import type { DataSource } from 'typeorm';
import type { OutboxRepository, OutboxRow } from '../repositories/outbox-repository';

// Kept well under the broker's default 1 MB request limit; chunks are sent one after another, in order.
const MAX_CHUNK_BYTES = 512 * 1024;
const MAX_CHUNK_MESSAGES = 2_000;

/**
 * Publishes pending outbox rows of some profiles, oldest first, then deletes them. Every caller
 * publishes the whole pending prefix of its profiles, so a profile's events reach the topic in
 * version order even when a crash left rows behind; duplicates keep their eventId.
 */
export class OutboxPublisher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly outbox: OutboxRepository,
    private readonly topic: string,
  ) {}

  async publishFor(profileIds: readonly string[], hooks: { afterPublish?: () => void } = {}): Promise<number> {
    const rows = await this.outbox.pendingFor(this.dataSource, profileIds);
    if (rows.length === 0) return 0;
    for (const chunk of chunks(rows.map(toOutgoing))) await this.bus.publish(this.topic, chunk);
    hooks.afterPublish?.();
    await this.outbox.delete(this.dataSource, rows.map((row) => row.id));
    return rows.length;
  }

  /** Publishes rows a crash left behind (older than `olderThanMs`); returns how many. */
  async publishStalled(olderThanMs: number, limit = 1_000): Promise<number> {
    const profiles = await this.outbox.stalledProfiles(this.dataSource, olderThanMs, limit);
    return profiles.length === 0 ? 0 : this.publishFor(profiles);
  }
}

function* chunks<T extends { value: object }>(messages: T[]): Generator<T[]> {
  let chunk: T[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = JSON.stringify(message.value).length + 200;
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

function toOutgoing(row: OutboxRow) {
  return {
    key: row.profileId,
    value: row.message,
    headers: {
      [HEADERS.eventId]: row.eventId,
      [HEADERS.schemaVersion]: String(MEMBERSHIP_EVENT_VERSION),
      [HEADERS.messageType]: `membership-${row.message.kind}`,
      [HEADERS.traceparent]: childTraceparent(row.traceparent ?? undefined),
    },
  };
}
