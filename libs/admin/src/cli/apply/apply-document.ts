import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { validateMessage, type FieldError } from '@activation/contracts';
import { INITIAL_SYNC_MODES, type InitialSyncMode } from '@activation/configuration';
import { CreateAudienceDto } from '../../audiences/audience.dto';
import { CreateDestinationDto } from '../../destinations/destination.dto';

export class SubscriptionEntry {
  @IsString()
  @Length(1, 200)
  name!: string;

  /** Slug of an audience (in this document or already stored). */
  @IsString()
  audience!: string;

  /** Name of a destination (in this document or already stored). */
  @IsString()
  destination!: string;

  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;

  @IsOptional()
  @IsObject()
  projection?: unknown;

  @IsOptional()
  @IsIn(INITIAL_SYNC_MODES)
  initialSync?: InitialSyncMode;

  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** What `cli apply -f` reads: audiences by slug, destinations by name, subscriptions by name. */
export class ApplyDocument {
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CreateAudienceDto)
  audiences?: CreateAudienceDto[];

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CreateDestinationDto)
  destinations?: CreateDestinationDto[];

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SubscriptionEntry)
  subscriptions?: SubscriptionEntry[];
}

export function parseApplyDocument(value: unknown): { ok: true; document: ApplyDocument } | { ok: false; errors: FieldError[] } {
  const result = validateMessage(ApplyDocument, value);
  return result.ok ? { ok: true, document: result.value } : { ok: false, errors: result.errors };
}
