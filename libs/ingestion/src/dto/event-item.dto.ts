import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsPlainRecord, IsText } from '@activation/contracts';
import { IsAbsentOr, IsTimestamp } from '../validation/custom-constraints';

/** One thing a profile did, as a sender writes it (HTTP body item, raw-topic value). */
export class EventItemDto {
  @ApiPropertyOptional({
    description: "The sender's own id for this event; the platform's event id is derived from it, so an event sent twice is recognized downstream.",
    minLength: 1,
    maxLength: 256,
    example: 'web-evt-8841',
  })
  @IsAbsentOr()
  @IsText(1, 256)
  id?: string;

  @ApiProperty({ description: 'The profile that did it.', minLength: 1, maxLength: 256, example: 'p-1001' })
  @IsText(1, 256)
  profileId!: string;

  @ApiProperty({ description: 'What happened.', minLength: 1, maxLength: 128, example: 'purchase' })
  @IsText(1, 128)
  name!: string;

  @ApiPropertyOptional({
    description: 'When it happened: epoch milliseconds or an ISO 8601 instant with a zone. Defaults to the time of receipt.',
    oneOf: [{ type: 'integer', minimum: 0 }, { type: 'string', format: 'date-time' }],
    example: 1738324800000,
  })
  @IsAbsentOr()
  @IsTimestamp()
  occurredAt?: number | string;

  @ApiPropertyOptional({
    description: 'Free-form details of the event.',
    type: 'object',
    additionalProperties: true,
    example: { amount: 42.5, currency: 'EUR' },
  })
  @IsAbsentOr()
  @IsPlainRecord()
  properties?: Record<string, unknown>;
}
