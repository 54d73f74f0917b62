import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: '$.projection.fields[1]' })
  path!: string;

  @ApiProperty({ example: '"phone" is not a projected variable of the audience (allowed: email, tier)' })
  message!: string;
}

/** RFC 9457 problem details as documented in the OpenAPI document. */
export class ProblemDetailsDto {
  @ApiProperty({ example: 'urn:activation:problem:invalid-entity' })
  type!: string;

  @ApiProperty({ example: 'The entity is not valid' })
  title!: string;

  @ApiProperty({ example: 422 })
  status!: number;

  @ApiPropertyOptional()
  detail?: string;

  @ApiPropertyOptional({ example: '/v1/subscriptions' })
  instance?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}
