import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { WebhookSourceEntity } from '@activation/configuration';

export class WebhookMappingView {
  @ApiProperty({ example: '$.user.id', description: 'JSON path of the profile id in the request body' })
  profileId!: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { email: '$.user.email' } })
  attributes!: Record<string, string>;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Partner number → JSON path', example: { '33': '$.crm_id' } })
  identifiers!: Record<string, string>;
}

export class WebhookSignatureView {
  @ApiProperty({ example: 'x-signature', description: 'Header carrying the hex HMAC-SHA256 of the raw body' })
  header!: string;
}

export class WebhookSourceView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ example: 'shop-events' })
  slug!: string;

  @ApiProperty({ type: WebhookMappingView })
  mapping!: WebhookMappingView;

  @ApiPropertyOptional({ type: WebhookSignatureView, nullable: true })
  signature!: WebhookSignatureView | null;

  @ApiProperty({ type: [String], description: 'Names of the secrets that are set', example: ['hmacSecret'] })
  secretNames!: string[];

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export function toWebhookSourceView(entity: WebhookSourceEntity): WebhookSourceView {
  return {
    id: entity.id,
    name: entity.name,
    slug: entity.slug,
    mapping: entity.mapping,
    signature: entity.signature,
    secretNames: Object.keys(entity.secrets).sort(),
    enabled: entity.enabled,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}
