import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIENCE_STATUSES, type AudienceEntity, type AudienceStatus, type AudienceVersionEntity } from '@activation/configuration';

export class AudienceView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'Small integer shown to destinations (sourceNumber)' })
  number!: number;

  @ApiProperty({ example: 'gold-buyers' })
  slug!: string;

  @ApiProperty()
  name!: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  description!: string | null;

  @ApiProperty({ enum: AUDIENCE_STATUSES })
  status!: AudienceStatus;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The rule as stored (docs/audience-rules.md)' })
  rule!: unknown;

  @ApiProperty({ type: [String] })
  projectedVariables!: string[];

  @ApiProperty({ description: 'Grows with every change of the rule or the projected variables' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class AudienceVersionView {
  @ApiProperty()
  version!: number;

  @ApiProperty({ type: 'object', additionalProperties: true })
  rule!: unknown;

  @ApiProperty({ type: [String] })
  projectedVariables!: string[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty()
  createdBy!: string;
}

export function toAudienceView(entity: AudienceEntity): AudienceView {
  return {
    id: entity.id,
    number: entity.number,
    slug: entity.slug,
    name: entity.name,
    description: entity.description,
    status: entity.status,
    rule: entity.rule,
    projectedVariables: entity.projectedVariables,
    version: entity.version,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

export function toAudienceVersionView(entity: AudienceVersionEntity): AudienceVersionView {
  return {
    version: entity.version,
    rule: entity.rule,
    projectedVariables: entity.projectedVariables,
    createdAt: entity.createdAt.toISOString(),
    createdBy: entity.createdBy,
  };
}
