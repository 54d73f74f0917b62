import { IsBoolean, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { ToBoolean, ToInt } from '@activation/config';
import { ConfigurationSettings } from '@activation/configuration';
import { TOPICS } from '@activation/contracts';
import { deliveryOptions, type DeliveryOptions } from '../runtime/delivery-options';

/** Settings of every emitter built on the delivery framework (extend this class). */
export class DeliverySettings extends ConfigurationSettings {
  @IsString()
  @Length(1, 249)
  MEMBERSHIP_TOPIC: string = TOPICS.membership;

  @IsString()
  @Length(1, 249)
  SNAPSHOT_REQUESTS_TOPIC: string = TOPICS.snapshotRequests;

  /** Ask the evaluator for the current members of new subscriptions with the "backfill" initial sync. */
  @IsBoolean()
  @ToBoolean()
  DELIVERY_REQUEST_INITIAL_SYNC = true;

  @IsInt()
  @Min(1_000)
  @ToInt()
  DELIVERY_RUN_INTERVAL_MS = 60_000;

  @IsInt()
  @Min(1)
  @ToInt()
  DELIVERY_RUN_MAX_ROWS = 100_000;

  @IsInt()
  @Min(1)
  @ToInt()
  DELIVERY_RETRY_INITIAL_MS = 500;

  @IsInt()
  @Min(1)
  @ToInt()
  DELIVERY_RETRY_MAX_MS = 30_000;

  /** Rows whose immediate retries are used up are tried again about this much later. */
  @IsInt()
  @Min(100)
  @ToInt()
  DELIVERY_DEFER_MS = 60_000;

  /** A row still failing this long after its first failure goes to the dead letters (default one day). */
  @IsInt()
  @Min(1_000)
  @ToInt()
  DELIVERY_RETRY_WINDOW_MS = 86_400_000;

  @IsInt()
  @Min(1_000)
  @ToInt()
  DELIVERY_MAX_RETRY_AFTER_MS = 600_000;

  @IsInt()
  @Min(2_000)
  @ToInt()
  DELIVERY_LEASE_TTL_MS = 30_000;

  @IsInt()
  @Min(200)
  @ToInt()
  DELIVERY_LEASE_RENEW_MS = 5_000;

  @IsInt()
  @Min(100)
  @ToInt()
  DELIVERY_IDLE_POLL_MS = 2_000;

  /** A subscription's backlog above this keeps only the oldest and newest version of each key. */
  @IsInt()
  @Min(1_000)
  @ToInt()
  DELIVERY_COMPACT_ABOVE_ROWS = 1_000_000;

  @IsInt()
  @Min(0)
  @Max(1_000)
  @ToInt()
  DELIVERY_RATE_WINDOW_MARGIN_MS = 50;

  /** How long call bodies (secrets redacted) are kept for the live debugger; 0 keeps none. */
  @IsInt()
  @Min(0)
  @ToInt()
  DELIVERY_CALL_BODY_RETENTION_MS = 7 * 86_400_000;

  @IsInt()
  @Min(60_000)
  @ToInt()
  DELIVERY_HISTORY_RETENTION_MS = 30 * 86_400_000;
}

export function deliveryOptionsFromSettings(settings: DeliverySettings, service: string, workerId: string): DeliveryOptions {
  return deliveryOptions({
    service,
    workerId,
    membershipTopic: settings.MEMBERSHIP_TOPIC,
    snapshotRequestsTopic: settings.SNAPSHOT_REQUESTS_TOPIC,
    runIntervalMs: settings.DELIVERY_RUN_INTERVAL_MS,
    runMaxRows: settings.DELIVERY_RUN_MAX_ROWS,
    backoff: { initialMs: settings.DELIVERY_RETRY_INITIAL_MS, maxMs: settings.DELIVERY_RETRY_MAX_MS },
    deferMs: settings.DELIVERY_DEFER_MS,
    retryWindowMs: settings.DELIVERY_RETRY_WINDOW_MS,
    maxRetryAfterMs: settings.DELIVERY_MAX_RETRY_AFTER_MS,
    leaseTtlMs: settings.DELIVERY_LEASE_TTL_MS,
    leaseRenewMs: settings.DELIVERY_LEASE_RENEW_MS,
    idlePollMs: settings.DELIVERY_IDLE_POLL_MS,
    compactAboveRows: settings.DELIVERY_COMPACT_ABOVE_ROWS,
    rateWindowMarginMs: settings.DELIVERY_RATE_WINDOW_MARGIN_MS,
    callBodyRetentionMs: settings.DELIVERY_CALL_BODY_RETENTION_MS,
    historyRetentionMs: settings.DELIVERY_HISTORY_RETENTION_MS,
  });
}
