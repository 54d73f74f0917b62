import { CreateDeadLetters1764100000000 } from './1764100000000-create-dead-letters';
import { CreateConfiguration1764200000000 } from './1764200000000-create-configuration';
import { CreateEvaluationState1764300000000 } from './1764300000000-create-evaluation-state';
import { CreateIngestIdempotency1764400000000 } from './1764400000000-create-ingest-idempotency';
import { CreateEmbeddedLog1764500000000 } from './1764500000000-create-embedded-log';
import { CreateDeliveryState1764600000000 } from './1764600000000-create-delivery-state';
import { CreatePullSources1764700000000 } from './1764700000000-create-pull-sources';
import { OutboxMessageAsJson1764800000000 } from './1764800000000-outbox-message-as-json';

/** Every migration, oldest first. New ones are appended; applied ones are never edited. */
export const MIGRATIONS = [
  CreateDeadLetters1764100000000,
  CreateConfiguration1764200000000,
  CreateEvaluationState1764300000000,
  CreateIngestIdempotency1764400000000,
  CreateEmbeddedLog1764500000000,
  CreateDeliveryState1764600000000,
  CreatePullSources1764700000000,
  OutboxMessageAsJson1764800000000,
];
