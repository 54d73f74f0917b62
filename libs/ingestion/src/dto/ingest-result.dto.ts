import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ItemErrorDto {
  @ApiProperty({ description: 'JSON path of the offending value in the request body.', example: '$.changes[1].set.email' })
  path!: string;

  @ApiProperty({ description: 'Machine-readable reason.', example: 'too-long' })
  code!: string;

  @ApiProperty({ description: 'What is wrong, for a person.', example: 'string is 9000 characters long; the limit is 8192' })
  reason!: string;
}

export class ItemResultDto {
  @ApiProperty({ description: 'Position of the item in the batch (0-based).', example: 0 })
  index!: number;

  @ApiProperty({ enum: ['accepted', 'rejected'] })
  status!: 'accepted' | 'rejected';

  @ApiPropertyOptional({ description: 'Event id of an accepted item on the profile-inputs topic.', format: 'uuid' })
  eventId?: string;

  @ApiPropertyOptional({ type: [ItemErrorDto], description: 'Why a rejected item was refused.' })
  errors?: ItemErrorDto[];
}

export class IngestResultDto {
  @ApiProperty({ description: 'Items accepted and acknowledged by the message log.', example: 2 })
  accepted!: number;

  @ApiProperty({ description: 'Items refused.', example: 1 })
  rejected!: number;

  @ApiProperty({ type: [ItemResultDto], description: 'One result per item, in batch order.' })
  items!: ItemResultDto[];
}

/** RFC 9457 problem details (`application/problem+json`). */
export class ProblemDto {
  @ApiProperty({ example: 'urn:activation:problem:no-item-accepted' })
  type!: string;

  @ApiProperty({ example: 'No item was accepted' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'Every item was refused; each one is listed with the path and reason.' })
  detail!: string;

  @ApiPropertyOptional({ type: [ItemErrorDto], description: 'Problems with the body as a whole.' })
  errors?: ItemErrorDto[];

  @ApiPropertyOptional({ type: [ItemResultDto], description: 'Per-item results when every item was refused.' })
  items?: ItemResultDto[];
}
