import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import {
  ArrayMaxSize, ArrayUnique, IsArray, IsDefined, IsIn, IsOptional, IsString, Length, Matches, MaxLength,
} from 'class-validator';
import { AUDIENCE_STATUSES, type AudienceStatus } from '@activation/configuration';
import { PageQueryDto } from '../common/page-query.dto';
import { SLUG, SLUG_MESSAGE, VARIABLE_NAME, VARIABLE_NAME_MESSAGE } from '../common/validators';

export class CreateAudienceDto {
  @ApiProperty({ example: 'Gold buyers' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'gold-buyers', description: 'Unique; cannot change later' })
  @Matches(SLUG, { message: `slug ${SLUG_MESSAGE}` })
  slug!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Audience rule (docs/audience-rules.md)',
    example: { all: [{ attribute: 'tier', operator: 'equals', value: 'gold' }] },
  })
  @IsDefined()
  rule!: unknown;

  @ApiPropertyOptional({ type: [String], description: 'Variables destinations may receive', example: ['email', 'tier'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @Matches(VARIABLE_NAME, { each: true, message: `projectedVariables ${VARIABLE_NAME_MESSAGE}` })
  projectedVariables?: string[];

  @ApiPropertyOptional({ enum: ['active', 'paused'], default: 'active' })
  @IsOptional()
  @IsIn(['active', 'paused'])
  status?: 'active' | 'paused';
}

export class UpdateAudienceDto extends PartialType(PickType(CreateAudienceDto, ['name', 'description', 'rule', 'projectedVariables'] as const)) {
  @ApiPropertyOptional({ enum: AUDIENCE_STATUSES })
  @IsOptional()
  @IsIn(AUDIENCE_STATUSES)
  status?: AudienceStatus;
}

export class ListAudiencesQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: AUDIENCE_STATUSES })
  @IsOptional()
  @IsIn(AUDIENCE_STATUSES)
  status?: AudienceStatus;

  @ApiPropertyOptional({ description: 'Part of the name or slug' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}
