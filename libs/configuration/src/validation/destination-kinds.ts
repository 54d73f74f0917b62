import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, Validate, ValidateNested,
} from 'class-validator';
import type { DestinationKind } from '../entities/destination.entity';
import { FunctionUrlConstraint } from './function-url.constraint';
import { PartnerNumberConstraint } from './partner-number.constraint';
import { StringRecordConstraint } from './string-record.constraint';
import { EventExportDestinationSettings, EventExportSubscriptionSettings } from './event-export-settings';

/*
 * What each destination kind accepts. A delivery issue that needs another setting adds it to its
 * kind's class here, so the admin API, the CLI and the services agree on one shape.
 */

export class FunctionDestinationSettings {
  /** http or https, without credentials or a `?code=` key: those are the destination's secrets. */
  @Validate(FunctionUrlConstraint)
  url!: string;

  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(300_000)
  timeoutMs?: number;

  /** Calls per second to this destination, across every invoker replica. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  rateLimitPerSecond?: number;

  /** Calls in flight to this destination at once, across every invoker replica. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  concurrency?: number;
}

/** Where and how fast an Event Hubs destination is sent to (the connection string is a secret). */
class EventHubTargetSettings {
  /** Needed when the connection string has no `EntityPath`. */
  @IsOptional()
  @IsString()
  @Length(1, 256)
  eventHubName?: string;

  /** Deadline of one send (all its batches), in ms. */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(300_000)
  timeoutMs?: number;
}

export class EventHubsDestinationSettings extends EventHubTargetSettings {
  /** Which identifier is sent as `partnerIds` (seed 002); 42 is the platform's own profile id. */
  @Validate(PartnerNumberConstraint)
  partnerNumber!: number;
}

export class LyticsEventHubsDestinationSettings extends EventHubTargetSettings {
  /** How long transitions are gathered before sending, so one evaluation's enters and exits share a document. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  groupWindowMs?: number;
}

export class BlobExportDestinationSettings {
  @Matches(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, { message: 'container must be a valid Azure Blob container name' })
  container!: string;

  @IsOptional()
  @IsString()
  @Length(0, 512)
  prefix?: string;
}

class FunctionTriggers {
  @IsBoolean()
  add!: boolean;

  @IsBoolean()
  change!: boolean;

  @IsBoolean()
  remove!: boolean;
}

class FunctionRetry {
  @IsIn(['immediate', 'next-run'])
  mode!: 'immediate' | 'next-run';

  @IsInt()
  @Min(0)
  @Max(20)
  attempts!: number;
}

/** Seed 000's sync options: triggers, batching, limits, error handling. */
export class FunctionSubscriptionSettings {
  @IsOptional()
  @ValidateNested()
  @Type(() => FunctionTriggers)
  triggers?: FunctionTriggers;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  batchSize?: number;

  @IsOptional()
  @IsString()
  @Length(1, 128)
  primaryKeyColumn?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  rateLimitPerSecond?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  concurrency?: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => FunctionRetry)
  retry?: FunctionRetry;
}

/** Seed 002's audience-level fields. */
export class EventHubsSubscriptionSettings {
  @IsOptional()
  @IsString()
  @Length(0, 256)
  sourceName?: string;

  @IsOptional()
  @IsObject()
  @Validate(StringRecordConstraint)
  data?: Record<string, string>;

  /** This subscription's partner number, instead of the destination's; 42 is reserved. */
  @IsOptional()
  @Validate(PartnerNumberConstraint)
  partnerNumber?: number;

  /** Rows (profiles) per call; each row gives one message per partner id. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  batchSize?: number;
}

export class LyticsEventHubsSubscriptionSettings {
  @IsOptional()
  @IsIn(['eventhubs', 'blob'])
  channel?: 'eventhubs' | 'blob';
}

export class BlobExportSubscriptionSettings {
  @IsOptional()
  @IsIn(['jsonl', 'csv'])
  format?: 'jsonl' | 'csv';

  /** Put before every file name of the subscription (after the destination's `prefix`). */
  @IsOptional()
  @Matches(/^[\w./=-]{0,256}$/, { message: 'filePrefix may hold letters, digits and _ . / = - only (up to 256)' })
  filePrefix?: string;

  /** CSV column delimiter, one character; `tab` for a tab. */
  @IsOptional()
  @Matches(/^(tab|[^\r\n"])$/, { message: 'delimiter must be one character (not a quote or line break) or "tab"' })
  delimiter?: string;

  /** CSV: what joins the items of an array field. */
  @IsOptional()
  @IsString()
  @Length(1, 8)
  join?: string;

  /** A file is closed before it would grow past this many bytes (default 5368709120, 5 GB). */
  @IsOptional()
  @IsInt()
  @Min(1_024)
  @Max(5_368_709_120)
  maxFileBytes?: number;

  @IsOptional()
  @IsBoolean()
  gzip?: boolean;

  /** Export the current members once (needs the `backfill` initial sync) and complete. */
  @IsOptional()
  @IsBoolean()
  oneTime?: boolean;

  /** An open file is closed this long after it was opened, even when small. */
  @IsOptional()
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  flushIntervalMs?: number;
}

export interface DestinationKindSpec {
  settings: new () => object;
  subscriptionSettings: new () => object;
  /** Secret names the kind reads; `required` ones must be set. */
  secrets: { allowed: string[]; required: string[] };
}

export const DESTINATION_KIND_SPECS: Record<DestinationKind, DestinationKindSpec> = {
  function: {
    settings: FunctionDestinationSettings,
    subscriptionSettings: FunctionSubscriptionSettings,
    // functionKey: the `x-functions-key` header; signingSecret: the HMAC key of the request signature.
    secrets: { allowed: ['functionKey', 'signingSecret'], required: [] },
  },
  eventhubs: {
    settings: EventHubsDestinationSettings,
    subscriptionSettings: EventHubsSubscriptionSettings,
    secrets: { allowed: ['connectionString'], required: ['connectionString'] },
  },
  'lytics-eventhubs': {
    settings: LyticsEventHubsDestinationSettings,
    subscriptionSettings: LyticsEventHubsSubscriptionSettings,
    secrets: { allowed: ['connectionString', 'blobConnectionString'], required: ['connectionString'] },
  },
  'blob-export': {
    settings: BlobExportDestinationSettings,
    subscriptionSettings: BlobExportSubscriptionSettings,
    // pgpPublicKey: an armored OpenPGP public key; every export file is encrypted to it.
    secrets: { allowed: ['connectionString', 'pgpPublicKey'], required: ['connectionString'] },
  },
  'event-export': {
    settings: EventExportDestinationSettings,
    subscriptionSettings: EventExportSubscriptionSettings,
    // pgpPublicKey: an armored OpenPGP public key; exported files are encrypted to it.
    secrets: { allowed: ['connectionString', 'pgpPublicKey'], required: ['connectionString'] },
  },
};
