import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, Length } from 'class-validator';
import { DESTINATION_KINDS, type DestinationKind } from '@activation/configuration';
import { PageQueryDto } from '../common/page-query.dto';
import { QueryBoolean } from '../common/query-transforms';

const SECRETS_SCHEMA = {
  type: 'object',
  additionalProperties: { type: 'string', nullable: true },
  description: 'Secret values by name (function: functionKey, signingSecret; eventhubs, lytics-eventhubs, blob-export: connectionString; ' +
    'event-export: connectionString, pgpPublicKey). ' +
    'Stored encrypted and never returned. On update a value replaces, null removes, an absent name is kept.',
  example: { functionKey: 'abc123' },
} as const;

export class CreateDestinationDto {
  @ApiProperty({ example: 'crm-function' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: DESTINATION_KINDS })
  @IsIn(DESTINATION_KINDS)
  kind!: DestinationKind;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Settings of the kind', example: { url: 'https://crm-sync.azurewebsites.net/api/audience' } })
  @IsObject()
  settings!: Record<string, unknown>;

  @ApiPropertyOptional(SECRETS_SCHEMA)
  @IsOptional()
  @IsObject()
  secrets?: Record<string, string | null>;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateDestinationDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Replaces the settings' })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;

  @ApiPropertyOptional(SECRETS_SCHEMA)
  @IsOptional()
  @IsObject()
  secrets?: Record<string, string | null>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class ListDestinationsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: DESTINATION_KINDS })
  @IsOptional()
  @IsIn(DESTINATION_KINDS)
  kind?: DestinationKind;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ description: 'Part of the name' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}
