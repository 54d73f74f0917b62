import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditEntryEntity } from '@activation/configuration';

export class AuditEntryView {
  @ApiProperty()
  id!: number;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ example: 'api-key:ci-pipeline' })
  actor!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  actorKeyId!: string | null;

  @ApiProperty({ example: 'destination' })
  entity!: string;

  @ApiProperty()
  entityId!: string;

  @ApiProperty({ example: 'updated' })
  action!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Changed fields before and after; secrets redacted' })
  changes!: Record<string, unknown>;
}

export function toAuditEntryView(entity: AuditEntryEntity): AuditEntryView {
  return {
    id: Number(entity.id),
    at: entity.at.toISOString(),
    actor: entity.actor,
    actorKeyId: entity.actorKeyId,
    entity: entity.entity,
    entityId: entity.entityId,
    action: entity.action,
    changes: entity.changes,
  };
}
