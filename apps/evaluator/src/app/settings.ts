import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { ToInt } from '@activation/config';
import { ConfigurationSettings } from '@activation/configuration';
import { TOPICS } from '@activation/contracts';

export class EvaluatorSettings extends ConfigurationSettings {
  @IsInt()
  @Min(1)
  @Max(65535)
  @ToInt()
  override PORT = 3002;

  @IsString()
  @Length(1, 249)
  PROFILE_INPUTS_TOPIC: string = TOPICS.profileInputs;

  @IsString()
  @Length(1, 249)
  MEMBERSHIP_TOPIC: string = TOPICS.membership;

  @IsString()
  @Length(1, 249)
  SNAPSHOT_REQUESTS_TOPIC: string = TOPICS.snapshotRequests;

  /** How long raw behavioral events are kept (by when they occurred). */
  @IsInt()
  @Min(1)
  @Max(3650)
  @ToInt()
  EVENT_RETENTION_DAYS = 90;

  /** How long input eventIds are remembered to make redelivery a no-op. */
  @IsInt()
  @Min(1)
  @Max(365)
  @ToInt()
  PROCESSED_INPUT_RETENTION_DAYS = 14;

  @IsInt()
  @Min(50)
  @ToInt()
  SCHEDULER_INTERVAL_MS = 1_000;

  @IsInt()
  @Min(10)
  @Max(10_000)
  @ToInt()
  BACKFILL_PAGE_SIZE = 500;
}
