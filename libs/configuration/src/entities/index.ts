import { ApiKeyEntity } from './api-key.entity';
import { AudienceVersionEntity } from './audience-version.entity';
import { AudienceEntity } from './audience.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import { DestinationEntity } from './destination.entity';
import { SubscriptionEntity } from './subscription.entity';
import { WebhookSourceEntity } from './webhook-source.entity';

export * from './api-key.entity';
export * from './audience.entity';
export * from './audience-version.entity';
export * from './audit-entry.entity';
export * from './destination.entity';
export * from './subscription.entity';
export * from './webhook-source.entity';

/** Pass to ServiceRuntimeModule.forRoot({ entities }) in every service that reads configuration. */
export const CONFIGURATION_ENTITIES = [
  ApiKeyEntity,
  AudienceEntity,
  AudienceVersionEntity,
  DestinationEntity,
  SubscriptionEntity,
  WebhookSourceEntity,
  AuditEntryEntity,
];
