import { IsBoolean, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { ToBoolean, ToInt } from '@activation/config';
import { ConfigurationSettings } from '@activation/configuration';
import { TOPICS } from '@activation/contracts';
import { DEFAULT_INGEST_LIMITS, type IngestLimits } from '../limits/ingest-limits';

const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;

/** Settings of the ingester (every variable has a default suited to a developer machine). */
export class IngestionSettings extends ConfigurationSettings {
  @Matches(TOPIC, { message: 'INGEST_RAW_TOPIC must be a Kafka topic name' })
  INGEST_RAW_TOPIC: string = TOPICS.ingestRaw;

  @Matches(TOPIC, { message: 'PROFILE_INPUTS_TOPIC must be a Kafka topic name' })
  PROFILE_INPUTS_TOPIC: string = TOPICS.profileInputs;

  @IsString()
  INGEST_RAW_GROUP_ID = 'ingester-raw';

  /** Consume the raw topic (off for an HTTP-only replica). */
  @IsBoolean()
  @ToBoolean()
  INGEST_RAW_INTAKE_ENABLED = true;

  /** Raw-topic partitions handled at once (order holds within each partition). */
  @IsInt()
  @Min(1)
  @Max(64)
  @ToInt()
  INGEST_RAW_CONCURRENCY = 3;

  /** Longest wait for the message log's acknowledgement before an HTTP request gets 503. */
  @IsInt()
  @Min(100)
  @Max(60_000)
  @ToInt()
  INGEST_PUBLISH_TIMEOUT_MS = 3_000;

  /** After a failed publish, requests get 503 at once for this long (also the Retry-After). */
  @IsInt()
  @Min(0)
  @Max(300_000)
  @ToInt()
  INGEST_UNAVAILABLE_COOLDOWN_MS = 5_000;

  @IsInt()
  @Min(60_000)
  @ToInt()
  INGEST_IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  @ToInt()
  INGEST_MAX_BODY_BYTES = DEFAULT_INGEST_LIMITS.maxBodyBytes;

  @IsInt()
  @Min(1)
  @Max(100_000)
  @ToInt()
  INGEST_MAX_BATCH_ITEMS = DEFAULT_INGEST_LIMITS.maxBatchItems;

  @IsInt()
  @Min(1)
  @Max(10_000)
  @ToInt()
  INGEST_MAX_ATTRIBUTES = DEFAULT_INGEST_LIMITS.maxAttributes;

  @IsInt()
  @Min(1)
  @Max(64)
  @ToInt()
  INGEST_MAX_DEPTH = DEFAULT_INGEST_LIMITS.maxDepth;

  @IsInt()
  @Min(16)
  @Max(1024 * 1024)
  @ToInt()
  INGEST_MAX_STRING_LENGTH = DEFAULT_INGEST_LIMITS.maxStringLength;
}

export function ingestLimitsOf(settings: IngestionSettings): IngestLimits {
  return {
    ...DEFAULT_INGEST_LIMITS,
    maxBodyBytes: settings.INGEST_MAX_BODY_BYTES,
    maxBatchItems: settings.INGEST_MAX_BATCH_ITEMS,
    maxAttributes: settings.INGEST_MAX_ATTRIBUTES,
    maxDepth: settings.INGEST_MAX_DEPTH,
    maxStringLength: settings.INGEST_MAX_STRING_LENGTH,
  };
}
