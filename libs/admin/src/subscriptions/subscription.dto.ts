import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { INITIAL_SYNC_MODES, type InitialSyncMode } from '@activation/configuration';
import { PageQueryDto } from '../common/page-query.dto';
import { QueryBoolean } from '../common/query-transforms';
import { ProjectionView } from './subscription.view';

export class CreateSubscriptionDto {
  @ApiProperty({ example: 'gold-buyers-to-crm' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  audienceId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  destinationId!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: "Settings of the destination's kind", example: { batchSize: 100 } })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({ type: ProjectionView, description: "Subset of the audience's projected variables; default sends none" })
  @IsOptional()
  @IsObject()
  projection?: unknown;

  @ApiPropertyOptional({ enum: INITIAL_SYNC_MODES, default: 'backfill', description: 'Send current members first, or only future changes' })
  @IsOptional()
  @IsIn(INITIAL_SYNC_MODES)
  initialSync?: InitialSyncMode;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateSubscriptionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Replaces the settings' })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({ type: ProjectionView, description: 'Replaces the projection' })
  @IsOptional()
  @IsObject()
  projection?: unknown;

  @ApiPropertyOptional({ enum: INITIAL_SYNC_MODES })
  @IsOptional()
  @IsIn(INITIAL_SYNC_MODES)
  initialSync?: InitialSyncMode;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class ListSubscriptionsQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  audienceId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  destinationId?: string;

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
