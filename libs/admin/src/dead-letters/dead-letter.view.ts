import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DeadLetterRow } from './dead-letter.repository';

export class DeadLetterView {
  @ApiProperty()
  id!: number;

  @ApiProperty({ description: 'Service that gave up on the message' })
  service!: string;

  @ApiProperty({ description: 'Topic the message came from (where a replay publishes it)' })
  topic!: string;

  @ApiProperty()
  partition!: number;

  @ApiProperty()
  offset!: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  key!: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'The payload as text with secret-looking fields redacted' })
  payloadText!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  headers!: Record<string, string>;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ format: 'date-time' })
  failedAt!: string;

  @ApiProperty({ enum: ['pending', 'replayed'] })
  replayStatus!: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  replayedAt!: string | null;

  @ApiProperty()
  replayCount!: number;

  @ApiPropertyOptional({ nullable: true, type: String })
  replayedBy!: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'The dead letter this message was replayed from, when the replay failed again' })
  replayOf!: number | null;
}

export class ReplayFailureView {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  reason!: string;
}

export class ReplayResultView {
  @ApiProperty({ type: [Number], description: 'Published to their original topic now' })
  replayed!: number[];

  @ApiProperty({ type: [Number], description: 'Replayed before; not published again' })
  alreadyReplayed!: number[];

  @ApiProperty({ type: [Number] })
  notFound!: number[];

  @ApiProperty({ type: [ReplayFailureView], description: 'Could not be published; still pending' })
  failed!: ReplayFailureView[];
}

export function toDeadLetterView(row: DeadLetterRow): DeadLetterView {
  return {
    id: Number(row.id),
    service: row.service,
    topic: row.topic,
    partition: row.partition,
    offset: row.offset,
    key: row.message_key,
    payloadText: row.payload_text,
    headers: row.headers,
    reason: row.reason,
    failedAt: row.failed_at.toISOString(),
    replayStatus: row.replay_status,
    replayedAt: row.replayed_at?.toISOString() ?? null,
    replayCount: row.replay_count,
    replayedBy: row.replayed_by,
    replayOf: row.replay_of === null ? null : Number(row.replay_of),
  };
}
