import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { PULL_SOURCE_KINDS, type PullSourceKind } from '@activation/sources';
import { PageQueryDto } from '../common/page-query.dto';

const SECRETS_SCHEMA = {
  type: 'object',
  additionalProperties: { type: 'string', nullable: true },
  description: 'Passed to the function as `secrets` (or the connection password of other kinds). Stored encrypted and never returned; null removes one.',
  example: { apiToken: 'abcdefghijklmnopqrstuvwxyz_0123456789' },
} as const;

const MAPPING_SCHEMA = {
  type: 'object',
  additionalProperties: true,
  description: 'entities: entity → { profileId, attributes?, identifiers? }; hashedColumns / blockedColumns (`column` or `entity.column`); blockedEntities',
  example: { entities: { customers: { profileId: 'id', identifiers: { '7': 'crm_id' } } }, hashedColumns: ['customers.email'], blockedColumns: ['ssn'] },
} as const;

export class CreatePullSourceDto {
  @ApiProperty({ example: 'CRM function' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: PULL_SOURCE_KINDS })
  @IsIn(PULL_SOURCE_KINDS)
  kind!: PullSourceKind;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { url: 'https://fn.example.com/api/sync', customPayload: { region: 'eu' } } })
  @IsObject()
  settings!: Record<string, unknown>;

  @ApiProperty(MAPPING_SCHEMA)
  @IsObject()
  mapping!: Record<string, unknown>;

  @ApiPropertyOptional(SECRETS_SCHEMA)
  @IsOptional()
  @IsObject()
  secrets?: Record<string, string | null>;

  @ApiProperty({ minimum: 10, maximum: 604800, example: 900, description: 'Run every this many seconds' })
  @IsInt()
  @Min(10)
  @Max(604_800)
  intervalSeconds!: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdatePullSourceDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Replaces the settings' })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({ ...MAPPING_SCHEMA, description: 'Replaces the mapping' })
  @IsOptional()
  @IsObject()
  mapping?: Record<string, unknown>;

  @ApiPropertyOptional(SECRETS_SCHEMA)
  @IsOptional()
  @IsObject()
  secrets?: Record<string, string | null>;

  @ApiPropertyOptional({ minimum: 10, maximum: 604800 })
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(604_800)
  intervalSeconds?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** `?limit=&cursor=` of the pull-source list. */
export class ListPullSourcesQuery extends PageQueryDto {}

/** `?limit=&cursor=` of a source's runs. */
export class ListRunsQuery extends PageQueryDto {}

export class SourceTestView {
  @ApiProperty()
  ok!: boolean;

  @ApiProperty({ example: 'the function answered the setup test' })
  message!: string;
}
