import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { EachElement, POSITIVE_INTEGER } from '../common/each-element';
import { PageQueryDto } from '../common/page-query.dto';

export class ListDeadLettersQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: 'evaluator' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  service?: string;

  @ApiPropertyOptional({ example: 'activation.profile-inputs.v1' })
  @IsOptional()
  @IsString()
  @Length(1, 249)
  topic?: string;

  @ApiPropertyOptional({ description: 'Part of the reason' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reason?: string;

  @ApiPropertyOptional({ enum: ['pending', 'replayed'] })
  @IsOptional()
  @IsIn(['pending', 'replayed'])
  replayStatus?: 'pending' | 'replayed';

  @ApiPropertyOptional({ format: 'date-time', description: 'Failed at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Failed before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class ReplayDeadLettersDto {
  @ApiProperty({ type: [Number], example: [12, 13], description: 'Dead letters to publish again to their original topic' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @EachElement(POSITIVE_INTEGER)
  ids!: number[];
}
