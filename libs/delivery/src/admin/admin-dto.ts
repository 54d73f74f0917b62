import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Min } from 'class-validator';
import { PageQueryDto } from '@activation/configuration';

export class SyncRunsQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only runs of this subscription (sync_id).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  syncId?: number;

  @ApiPropertyOptional({ enum: ['running', 'completed', 'interrupted'] })
  @IsOptional()
  @IsIn(['running', 'completed', 'interrupted'])
  status?: 'running' | 'completed' | 'interrupted';
}

export class StartReplayDto {
  @ApiProperty({ description: 'Re-deliver the subscription\'s membership events from this time (ISO 8601, in the past).', example: '2026-01-31T22:00:00Z' })
  @IsISO8601({ strict: true })
  from!: string;
}
