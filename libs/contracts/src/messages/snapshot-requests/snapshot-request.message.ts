import { Equals, IsInt, IsString, IsUUID, Length, Min } from 'class-validator';

export const SNAPSHOT_REQUEST_VERSION = 1;

/**
 * Asks the evaluator to emit an audience's current members as `snapshot` membership rows for one
 * subscription (initial sync with backfill, re-sync, one-time export). `eventId` identifies the
 * request: the same id never yields a second snapshot. Keyed by audienceId.
 */
export class SnapshotRequestMessage {
  @IsUUID()
  eventId!: string;

  @Equals(SNAPSHOT_REQUEST_VERSION)
  version!: number;

  @IsString()
  @Length(1, 128)
  audienceId!: string;

  @IsInt()
  @Min(1)
  targetSubscriptionId!: number;

  /** Epoch milliseconds; the snapshot rows carry it as their timestamp. */
  @IsInt()
  @Min(0)
  requestedAt!: number;
}
