import { Type } from 'class-transformer';
import { Equals, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Min, ValidateNested } from 'class-validator';
import { IsPlainRecord } from '../../validation/is-plain-record';

export const MEMBERSHIP_EVENT_VERSION = 1;
export const CALL_TYPES = ['NEW', 'MODIFIED', 'REMOVED'] as const;
export type CallType = (typeof CALL_TYPES)[number];

export class MembershipCause {
  /** eventId of the input (change, event, clock tick, audience edit) that caused the transition. */
  @IsString()
  inputEventId!: string;

  @IsIn(['profile-change', 'event', 'time', 'audience-change', 'snapshot'])
  kind!: 'profile-change' | 'event' | 'time' | 'audience-change' | 'snapshot';
}

/**
 * One membership transition for a (profile, audience) pair, or, when `kind` is `snapshot`,
 * one current member sent only to the subscription named by `targetSubscriptionId`.
 * eventId is derived from (audience, profile, membershipVersion), so replays de-duplicate.
 */
export class MembershipEventMessage {
  @IsIn(['transition', 'snapshot'])
  kind!: 'transition' | 'snapshot';

  @IsUUID()
  eventId!: string;

  @Equals(MEMBERSHIP_EVENT_VERSION)
  version!: number;

  @IsIn(CALL_TYPES)
  callType!: CallType;

  @IsString()
  @Length(1, 256)
  profileId!: string;

  @IsString()
  audienceId!: string;

  @IsInt()
  audienceNumber!: number;

  @IsString()
  audienceSlug!: string;

  @IsInt()
  @Min(1)
  audienceVersion!: number;

  @IsInt()
  @Min(1)
  membershipVersion!: number;

  @IsPlainRecord()
  projected!: Record<string, unknown>;

  @IsPlainRecord()
  identifiers!: Record<string, string[]>;

  @IsInt()
  enteredAt!: number;

  @IsOptional()
  @IsInt()
  exitedAt?: number | null;

  /** Epoch milliseconds of the change that caused the transition (so a replay is identical). */
  @IsInt()
  timestamp!: number;

  @ValidateNested()
  @Type(() => MembershipCause)
  cause!: MembershipCause;

  @IsBoolean()
  backfill!: boolean;

  /**
   * Epoch milliseconds at which the platform accepted the input that caused the transition (the
   * start of end-to-end latency). Absent on snapshots, time- and audience-caused transitions, and
   * events written before it was recorded.
   */
  @IsOptional()
  @IsInt()
  receivedAt?: number;

  @IsOptional()
  @IsInt()
  targetSubscriptionId?: number;
}
