import { CreateDeadLetters1764100000000 } from './1764100000000-create-dead-letters';
import { CreateConfiguration1764200000000 } from './1764200000000-create-configuration';
import { CreateEvaluationState1764300000000 } from './1764300000000-create-evaluation-state';
import { CreateIngestIdempotency1764400000000 } from './1764400000000-create-ingest-idempotency';
import { CreateEmbeddedLog1764500000000 } from './1764500000000-create-embedded-log';
import { CreateDeliveryState1764600000000 } from './1764600000000-create-delivery-state';
import { CreatePullSources1764700000000 } from './1764700000000-create-pull-sources';
import { OutboxMessageAsJson1764800000000 } from './1764800000000-outbox-message-as-json';
import { OutboxOneRowPerUnit1764900000000 } from './1764900000000-outbox-one-row-per-unit';
import { CreateEventHubsPartnerIds1765000000000 } from './1765000000000-create-eventhubs-partner-ids';
import { CreateBlobExportState1765100000000 } from './1765100000000-create-blob-export-state';
import { CreateEventExport1765200000000 } from './1765200000000-create-event-export';
import { CreateAlerts1765400000000 } from './1765400000000-create-alerts';
import { FenceBlobExportWriter1765460000000 } from './1765460000000-fence-blob-export-writer';
import { RecordCallTraceIds1765500000000 } from './1765500000000-record-call-trace-ids';
import { LeaseIdempotencyClaims1765600000000 } from './1765600000000-lease-idempotency-claims';
import { DeliveryRowsKeepFieldOrder1765700000000 } from './1765700000000-delivery-rows-keep-field-order';
import { RecordEventExportErrorTime1765800000000 } from './1765800000000-record-event-export-error-time';
import { RecordDeadLetterReplayOf1765900000000 } from './1765900000000-record-dead-letter-replay-of';

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
  OutboxOneRowPerUnit1764900000000,
  CreateEventHubsPartnerIds1765000000000,
  CreateBlobExportState1765100000000,
  CreateEventExport1765200000000,
  CreateAlerts1765400000000,
  FenceBlobExportWriter1765460000000,
  RecordCallTraceIds1765500000000,
  LeaseIdempotencyClaims1765600000000,
  DeliveryRowsKeepFieldOrder1765700000000,
  RecordEventExportErrorTime1765800000000,
  RecordDeadLetterReplayOf1765900000000,
];
