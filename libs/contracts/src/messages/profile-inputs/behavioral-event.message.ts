import { Equals, IsInt, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';
import { IsPlainRecord } from '../../validation/is-plain-record';

export const BEHAVIORAL_EVENT_VERSION = 1;

/** Something a profile did, keyed by `profileId` on the profile-inputs topic. */
export class BehavioralEventMessage {
  @Equals('event')
  kind!: 'event';

  @IsUUID()
  eventId!: string;

  @Equals(BEHAVIORAL_EVENT_VERSION)
  version!: number;

  @IsString()
  @Length(1, 256)
  profileId!: string;

  @IsString()
  @Length(1, 128)
  name!: string;

  /** Epoch milliseconds at which the event happened. */
  @IsInt()
  @Min(0)
  occurredAt!: number;

  @IsOptional()
  @IsPlainRecord()
  properties?: Record<string, unknown>;

  @IsInt()
  @Min(0)
  receivedAt!: number;

  @IsString()
  @Length(1, 128)
  source!: string;
}
