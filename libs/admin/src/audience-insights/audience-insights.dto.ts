import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsISO8601, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export class PreviewAudienceDto {
  @ApiProperty({ description: 'The rule to try (see docs/audience-rules.md)', type: 'object', additionalProperties: true })
  @IsDefined()
  rule!: unknown;

  @ApiPropertyOptional({ type: [String], description: 'Attribute paths shown for each sampled profile' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  projectedVariables?: string[];

  @ApiPropertyOptional({ minimum: 0, maximum: 100, default: 10 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  sampleSize?: number;
}

export class MembershipCountsQuery {
  @ApiPropertyOptional({ description: 'Start (ISO 8601), inclusive; default: a day before `to`', example: '2025-01-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'End (ISO 8601), exclusive; default: now, rounded up to a whole minute', example: '2025-01-02T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'Bucket length in minutes', default: 60, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60 * 24 * 31)
  bucketMinutes?: number;
}
