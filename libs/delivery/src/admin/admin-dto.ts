import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';

export class LimitQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class SyncRunsQuery extends LimitQuery {
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

  @ApiPropertyOptional({ description: 'Runs started before this time (the previous page\'s last startedAt).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  before?: string;
}

export class CallsQuery extends LimitQuery {
  @ApiPropertyOptional({ description: 'Calls after this call id (the previous page\'s last id).' })
  @IsOptional()
  @Matches(/^\d{1,18}$/)
  after?: string;
}

export class DeadLettersQuery extends LimitQuery {
  @ApiPropertyOptional({ description: 'Dead letters before this id (the previous page\'s last id).' })
  @IsOptional()
  @Matches(/^\d{1,18}$/)
  before?: string;
}

export class StartReplayDto {
  @ApiProperty({ description: 'Re-deliver the subscription\'s membership events from this time (ISO 8601, in the past).', example: '2026-01-31T22:00:00Z' })
  @IsISO8601({ strict: true })
  from!: string;
}
