import { Equals, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Min } from 'class-validator';
import { IsPlainRecord } from '../../validation/is-plain-record';
import { IsText } from '../../validation/is-text';

export const PROFILE_CHANGE_VERSION = 1;

/**
 * A normalized change to one profile, keyed by `profileId` on the profile-inputs topic.
 * `identifiers` maps a partner number (as a string key) to that partner's ids for the profile.
 */
export class ProfileChangeMessage {
  @Equals('profile-change')
  kind!: 'profile-change';

  @IsUUID()
  eventId!: string;

  @Equals(PROFILE_CHANGE_VERSION)
  version!: number;

  @IsText(1, 256)
  profileId!: string;

  @IsOptional()
  @IsPlainRecord()
  set?: Record<string, unknown>;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  unset?: string[];

  @IsOptional()
  @IsPlainRecord()
  identifiers?: Record<string, string[]>;

  @IsOptional()
  @IsBoolean()
  deleted?: boolean;

  /** Epoch milliseconds at which the change happened at its source. */
  @IsInt()
  @Min(0)
  changedAt!: number;

  /** Epoch milliseconds at which the platform accepted it (start of end-to-end latency). */
  @IsInt()
  @Min(0)
  receivedAt!: number;

  @IsText(1, 128)
  source!: string;
}
