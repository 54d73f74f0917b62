import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PullSource, SourceRun } from '@activation/sources';

export class PullSourceView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'CRM function' })
  name!: string;

  @ApiProperty({ enum: ['function', 'sql', 'blob-csv'] })
  kind!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Kind-specific settings (function: url, customPayload, timeoutMs, maxAttempts)' })
  settings!: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'entities (profileId, attributes, identifiers), hashedColumns, blockedColumns, blockedEntities' })
  mapping!: Record<string, unknown>;

  @ApiProperty({ type: [String], description: 'Names of the secrets that are set (values are never returned)', example: ['apiToken'] })
  secretNames!: string[];

  @ApiProperty({ minimum: 10 })
  intervalSeconds!: number;

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The cursor saved after the last acknowledged page' })
  state!: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  nextRunAt!: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'A run was requested and has not started yet' })
  runRequestedAt!: string | null;

  @ApiProperty({ description: 'The next run starts from an empty state' })
  resyncRequested!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export function toPullSourceView(source: PullSource): PullSourceView {
  return {
    id: source.id, name: source.name, kind: source.kind, settings: source.settings,
    mapping: source.mapping as unknown as Record<string, unknown>, secretNames: Object.keys(source.secrets).sort(),
    intervalSeconds: source.intervalSeconds, enabled: source.enabled, state: source.state,
    nextRunAt: source.nextRunAt.toISOString(), runRequestedAt: source.runRequestedAt?.toISOString() ?? null,
    resyncRequested: source.resyncRequested, createdAt: source.createdAt.toISOString(), updatedAt: source.updatedAt.toISOString(),
  };
}

export class RunErrorView {
  @ApiProperty()
  message!: string;

  @ApiPropertyOptional()
  type?: string;

  @ApiPropertyOptional({ description: 'As the source reported it' })
  stackTrace?: unknown;
}

export class SourceRunView {
  @ApiProperty({ format: 'uuid', description: 'Also the sync_id sent to a function source' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  sourceId!: string;

  @ApiProperty({ enum: ['schedule', 'manual', 'resync'] })
  trigger!: string;

  @ApiProperty({ enum: ['running', 'succeeded', 'failed'] })
  status!: string;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  finishedAt!: string | null;

  @ApiProperty({ description: 'Pages acknowledged by Kafka and saved' })
  pages!: number;

  @ApiProperty()
  upserted!: number;

  @ApiProperty()
  deleted!: number;

  @ApiProperty({ description: 'Records of unmapped entities, deletes of unknown records' })
  skipped!: number;

  @ApiProperty({ description: 'Records that could not become a valid profile change' })
  rejected!: number;

  @ApiProperty({ type: [String] })
  notes!: string[];

  @ApiPropertyOptional({ type: RunErrorView, nullable: true })
  error!: RunErrorView | null;
}

export function toSourceRunView(run: SourceRun): SourceRunView {
  return {
    id: run.id, sourceId: run.sourceId, trigger: run.trigger, status: run.status, startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null, pages: run.pages, upserted: run.upserted, deleted: run.deleted,
    skipped: run.skipped, rejected: run.rejected, notes: run.notes, error: run.error,
  };
}
