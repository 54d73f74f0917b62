import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { API_KEY_ROLES, type ApiKeyRole } from '@activation/configuration';
import { PageQueryDto } from '../common/page-query.dto';
import { QueryBoolean } from '../common/query-transforms';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'ci-pipeline' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: API_KEY_ROLES, isArray: true, example: ['read-only'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(API_KEY_ROLES, { each: true })
  roles!: ApiKeyRole[];

  @ApiPropertyOptional({ format: 'date-time', description: 'The key stops working at this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

export class ListApiKeysQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: API_KEY_ROLES })
  @IsOptional()
  @IsIn(API_KEY_ROLES)
  role?: ApiKeyRole;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  revoked?: boolean;

  @ApiPropertyOptional({ description: 'Part of the name' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}
