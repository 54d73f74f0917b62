import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsString } from 'class-validator';
import { IsPlainRecord, IsText } from '@activation/contracts';
import { IsAbsentOr, IsIdentifierMap, IsTimestamp } from '../validation/custom-constraints';

/** One change to one profile, as a sender writes it (HTTP body item, raw-topic value). */
export class ProfileChangeItemDto {
  @ApiPropertyOptional({
    description:
      "The sender's own id for this change. When given, the platform's event id is derived from it, so a change sent twice is recognized downstream.",
    minLength: 1,
    maxLength: 256,
    example: 'crm-change-000123',
  })
  @IsAbsentOr()
  @IsText(1, 256)
  id?: string;

  @ApiProperty({ description: 'The profile this change applies to.', minLength: 1, maxLength: 256, example: 'p-1001' })
  @IsText(1, 256)
  profileId!: string;

  @ApiPropertyOptional({
    description: 'Attributes to set. Keys are dot paths (`address.city`); a value replaces what was at its path.',
    type: 'object',
    additionalProperties: true,
    example: { email: 'ada@example.com', 'address.city': 'Oslo', score: 42 },
  })
  @IsAbsentOr()
  @IsPlainRecord()
  set?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Attribute paths to remove.', type: [String], example: ['phone'] })
  @IsAbsentOr()
  @IsArray()
  @IsString({ each: true })
  unset?: string[];

  @ApiPropertyOptional({
    description: "The profile's ids at partners, by partner number; the ids given replace that partner's ids (an empty array removes them).",
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { '7': ['crm-1001'] },
  })
  @IsAbsentOr()
  @IsIdentifierMap()
  identifiers?: Record<string, string[]>;

  @ApiPropertyOptional({ description: 'True deletes the profile (cannot be combined with set or unset).' })
  @IsAbsentOr()
  @IsBoolean()
  deleted?: boolean;

  @ApiPropertyOptional({
    description: 'When the change happened at its source: epoch milliseconds or an ISO 8601 instant with a zone. Defaults to the time of receipt.',
    oneOf: [{ type: 'integer', minimum: 0 }, { type: 'string', format: 'date-time' }],
    example: '2025-01-31T12:00:00Z',
  })
  @IsAbsentOr()
  @IsTimestamp()
  changedAt?: number | string;
}
