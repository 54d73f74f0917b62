import { Equals, IsIn, IsInt, IsString, IsUUID, Length } from 'class-validator';

export const CONFIG_CHANGE_VERSION = 1;
export const CONFIG_ENTITIES = ['api-key', 'audience', 'destination', 'subscription', 'source'] as const;
export type ConfigEntity = (typeof CONFIG_ENTITIES)[number];

/** Tells every service which configuration entity changed, so it reloads only that one. */
export class ConfigChangeMessage {
  @IsUUID()
  eventId!: string;

  @Equals(CONFIG_CHANGE_VERSION)
  version!: number;

  @IsIn(CONFIG_ENTITIES)
  entity!: ConfigEntity;

  @IsString()
  @Length(1, 128)
  entityId!: string;

  @IsIn(['created', 'updated', 'deleted'])
  action!: 'created' | 'updated' | 'deleted';

  @IsInt()
  changedAt!: number;
}
