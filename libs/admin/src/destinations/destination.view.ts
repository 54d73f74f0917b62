import { ApiProperty } from '@nestjs/swagger';
import { DESTINATION_KINDS, type DestinationEntity, type DestinationKind } from '@activation/configuration';

/** A destination as the API shows it: secret names, never secret values. */
export class DestinationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: DESTINATION_KINDS })
  kind!: DestinationKind;

  @ApiProperty({ type: 'object', additionalProperties: true })
  settings!: Record<string, unknown>;

  @ApiProperty({ type: [String], description: 'Names of the secrets that are set (values are never returned)', example: ['functionKey'] })
  secretNames!: string[];

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class DestinationTestResultView {
  @ApiProperty()
  ok!: boolean;

  @ApiProperty()
  detail!: string;

  @ApiProperty({ required: false })
  status?: number;

  @ApiProperty({ required: false })
  latencyMs?: number;
}

export function toDestinationView(entity: DestinationEntity): DestinationView {
  return {
    id: entity.id,
    name: entity.name,
    kind: entity.kind,
    settings: entity.settings,
    secretNames: Object.keys(entity.secrets).sort(),
    enabled: entity.enabled,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}
