import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto';
import { QueryBoolean } from '../common/query-transforms';
import { SLUG, SLUG_MESSAGE } from '../common/validators';
import { WebhookMappingView, WebhookSignatureView } from './webhook-source.view';

export class WebhookSignatureDto {
  @ApiProperty({ example: 'x-signature' })
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'header must be a lower-case HTTP header name' })
  header!: string;
}

const SECRETS_SCHEMA = {
  type: 'object',
  additionalProperties: { type: 'string', nullable: true },
  description: 'hmacSecret: the key of the HMAC signature. Stored encrypted and never returned; null removes it.',
  example: { hmacSecret: 'a-long-random-string' },
} as const;

export class CreateWebhookSourceDto {
  @ApiProperty({ example: 'Shop events' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'shop-events', description: 'Part of the webhook URL; unique' })
  @Matches(SLUG, { message: `slug ${SLUG_MESSAGE}` })
  slug!: string;

  @ApiProperty({ type: WebhookMappingView })
  @IsObject()
  mapping!: unknown;

  @ApiPropertyOptional({ type: WebhookSignatureDto, nullable: true, description: 'Require signed requests' })
  @IsOptional()
  @ValidateNested()
  @Type(() => WebhookSignatureDto)
  signature?: WebhookSignatureDto | null;

  @ApiPropertyOptional(SECRETS_SCHEMA)
  @IsOptional()
  @IsObject()
  secrets?: Record<string, string | null>;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateWebhookSourceDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ type: WebhookMappingView, description: 'Replaces the mapping' })
  @IsOptional()
  @IsObject()
  mapping?: unknown;

  @ApiPropertyOptional({ type: WebhookSignatureView, nullable: true, description: 'null stops checking signatures' })
  @IsOptional()
  @ValidateNested()
  @Type(() => WebhookSignatureDto)
  signature?: WebhookSignatureDto | null;

  @ApiPropertyOptional(SECRETS_SCHEMA)
  @IsOptional()
  @IsObject()
  secrets?: Record<string, string | null>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class ListWebhookSourcesQuery extends PageQueryDto {
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ description: 'Part of the name or slug' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}
