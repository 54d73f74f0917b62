import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { SecretSetting, ToBoolean, ToInt } from '@activation/config';
import { TOPICS } from '@activation/contracts';

/** Environment settings of the event exporter, read beside the hosting service's own settings. */
export class EventExportSettings {
  @IsBoolean()
  @ToBoolean()
  EVENT_EXPORT_ENABLED = true;

  /** The topic behavioral events arrive on (the same variable as the evaluator's). */
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,249}$/, { message: 'PROFILE_INPUTS_TOPIC must be a Kafka topic name' })
  PROFILE_INPUTS_TOPIC: string = TOPICS.profileInputs;

  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,249}$/, { message: 'EVENT_EXPORT_GROUP_ID must be a consumer group name' })
  EVENT_EXPORT_GROUP_ID = 'event-export';

  /** How often due exports are looked for. */
  @IsInt()
  @Min(100)
  @ToInt()
  EVENT_EXPORT_TICK_MS = 30_000;

  /** How long a replica holds a run before another may take it over (renewed while it runs). */
  @IsInt()
  @Min(1_000)
  @ToInt()
  EVENT_EXPORT_LEASE_MS = 600_000;

  /** How long after a failed run it is tried again. */
  @IsInt()
  @Min(1_000)
  @ToInt()
  EVENT_EXPORT_RETRY_MS = 300_000;

  /** How long events are kept for export (by when they were stored). */
  @IsInt()
  @Min(1)
  @Max(3650)
  @ToInt()
  EVENT_EXPORT_RETENTION_DAYS = 90;

  /** Keys destination secrets are encrypted under (`keyId:base64Key,...`), as for the admin API. */
  @IsOptional()
  @IsString()
  @SecretSetting()
  SECRETS_KEYS?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,32}$/, { message: 'SECRETS_ACTIVE_KEY_ID must be a key id of SECRETS_KEYS' })
  SECRETS_ACTIVE_KEY_ID?: string;
}
