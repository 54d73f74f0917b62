import { Equals, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { IsPlainRecord } from '../../validation/is-plain-record';
import { IsText } from '../../validation/is-text';

export const BEHAVIORAL_EVENT_VERSION = 1;

/** Something a profile did, keyed by `profileId` on the profile-inputs topic. */
export class BehavioralEventMessage {
  @Equals('event')
  kind!: 'event';

  @IsUUID()
  eventId!: string;

  @Equals(BEHAVIORAL_EVENT_VERSION)
  version!: number;

  @IsText(1, 256)
  profileId!: string;

  @IsText(1, 128)
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

  @IsText(1, 128)
  source!: string;
}
