import { IsInt, IsOptional, IsString, Matches, Min, Validate } from 'class-validator';
import { PlatformSettings, SecretSetting, ToInt } from '@activation/config';
import { TOPICS } from '@activation/contracts';
import { SecretKeyListConstraint } from '../secrets/secret-key-list.constraint';

/**
 * Settings of every service that reads configuration (extend this class instead of
 * PlatformSettings). Without SECRETS_KEYS a service starts, but cannot store or read secrets.
 */
export class ConfigurationSettings extends PlatformSettings {
  /** `keyId:base64Key,...`, each key 32 random bytes (e.g. `openssl rand -base64 32`). */
  @IsOptional()
  @Validate(SecretKeyListConstraint)
  @SecretSetting()
  SECRETS_KEYS?: string;

  /** The key id new secrets are encrypted under; optional when SECRETS_KEYS holds one key. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,32}$/, { message: 'SECRETS_ACTIVE_KEY_ID must be a key id of SECRETS_KEYS' })
  SECRETS_ACTIVE_KEY_ID?: string;

  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,249}$/, { message: 'CONFIG_CHANGES_TOPIC must be a Kafka topic name' })
  CONFIG_CHANGES_TOPIC: string = TOPICS.configChanges;

  /** Full reload as a safety net for a missed change message; 0 disables it. */
  @IsInt()
  @Min(0)
  @ToInt()
  CONFIG_CACHE_REFRESH_MS = 300_000;

  /** How long a verified API key is trusted without asking Postgres again. */
  @IsInt()
  @Min(0)
  @ToInt()
  API_KEY_CACHE_TTL_MS = 30_000;
}
