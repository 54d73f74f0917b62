import { ApiProperty } from '@nestjs/swagger';
import { INITIAL_SYNC_MODES, type InitialSyncMode, type SubscriptionEntity } from '@activation/configuration';

export class ProjectionView {
  @ApiProperty({ type: [String], description: 'Projected variables sent, in this order', example: ['email', 'tier'] })
  fields!: string[];

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { tier: 'loyalty_tier' } })
  rename!: Record<string, string>;

  @ApiProperty({ type: [String], description: 'Fields sent as lower-case hex SHA-256', example: ['email'] })
  hash!: string[];
}

export class SubscriptionView {
  @ApiProperty({ description: 'Integer id; the function payload sync_id' })
  id!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty({ format: 'uuid' })
  audienceId!: string;

  @ApiProperty({ format: 'uuid' })
  destinationId!: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  settings!: Record<string, unknown>;

  @ApiProperty({ type: ProjectionView })
  projection!: ProjectionView;

  @ApiProperty({ enum: INITIAL_SYNC_MODES })
  initialSync!: InitialSyncMode;

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export function toSubscriptionView(entity: SubscriptionEntity): SubscriptionView {
  return {
    id: entity.id,
    name: entity.name,
    audienceId: entity.audienceId,
    destinationId: entity.destinationId,
    settings: entity.settings,
    projection: entity.projection,
    initialSync: entity.initialSync,
    enabled: entity.enabled,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}
