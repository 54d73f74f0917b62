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
  @ApiProperty({ description: 'Start (ISO 8601)' })
  @IsISO8601()
  from!: string;

  @ApiProperty({ description: 'End (ISO 8601)' })
  @IsISO8601()
  to!: string;

  @ApiPropertyOptional({ description: 'Bucket length in minutes', default: 60, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60 * 24 * 31)
  bucketMinutes?: number;
}
