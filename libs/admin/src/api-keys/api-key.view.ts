import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { API_KEY_ROLES, type ApiKeyEntity, type ApiKeyRole } from '@activation/configuration';

export class ApiKeyView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'Start of the key, to tell keys apart', example: 'ak_1f2e3d4c' })
  prefix!: string;

  @ApiProperty({ enum: API_KEY_ROLES, isArray: true })
  roles!: ApiKeyRole[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty()
  createdBy!: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  expiresAt!: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  revokedAt!: string | null;
}

export class CreatedApiKeyView extends ApiKeyView {
  @ApiProperty({ description: 'The key itself. Shown this once; only its hash is stored.' })
  key!: string;
}

export function toApiKeyView(entity: ApiKeyEntity): ApiKeyView {
  return {
    id: entity.id,
    name: entity.name,
    prefix: entity.prefix,
    roles: entity.roles,
    createdAt: entity.createdAt.toISOString(),
    createdBy: entity.createdBy,
    expiresAt: entity.expiresAt?.toISOString() ?? null,
    revokedAt: entity.revokedAt?.toISOString() ?? null,
  };
}
