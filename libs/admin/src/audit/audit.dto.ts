import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto';

export class ListAuditQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: 'audience', description: 'api-key, audience, destination, subscription, source, dead-letter' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  entity?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 128)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Changes made with this API key' })
  @IsOptional()
  @IsUUID()
  actorKeyId?: string;

  @ApiPropertyOptional({ example: 'updated' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  action?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
