import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { SecretSetting, ToInt } from '@activation/config';
import { ConfigurationSettings } from '@activation/configuration';

export class AdminApiSettings extends ConfigurationSettings {
  @IsInt()
  @Min(1)
  @Max(65535)
  @ToInt()
  override PORT = 3000;

  /**
   * Stored (hashed) as an admin key on start when no admin key exists, so the first named keys
   * can be created through the API. Revoke it afterwards.
   */
  @IsOptional()
  @IsString()
  @Length(24, 256)
  @Matches(/^[\x21-\x7e]+$/, { message: 'ADMIN_BOOTSTRAP_KEY must be printable ASCII without spaces' })
  @SecretSetting()
  ADMIN_BOOTSTRAP_KEY?: string;

  /** Non-public networks a "test destination" call may reach (as for the function invoker). */
  @IsString()
  @Matches(/^[\w.:/,\s-]*$/, { message: 'DELIVERY_ALLOWED_PRIVATE_NETWORKS must be keywords or CIDR ranges, comma-separated' })
  DELIVERY_ALLOWED_PRIVATE_NETWORKS = '';
}
