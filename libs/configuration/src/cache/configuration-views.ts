import type { AudienceDefinition } from '@activation/contracts';
import type { AudienceEntity } from '../entities/audience.entity';
import type { DestinationEntity, DestinationKind } from '../entities/destination.entity';
import type { InitialSyncMode, SubscriptionEntity } from '../entities/subscription.entity';
import type { WebhookFieldMapping, WebhookSignature, WebhookSourceEntity } from '../entities/webhook-source.entity';
import type { SubscriptionProjection } from '../projection/subscription-projection';

/** A destination as services read it; secret values only through ConfigurationCache.destinationSecrets. */
export interface DestinationConfig {
  id: string;
  name: string;
  kind: DestinationKind;
  settings: Record<string, unknown>;
  secretNames: string[];
  enabled: boolean;
  updatedAt: number;
}

export interface SubscriptionConfig {
  /** The function payload's `sync_id`. */
  id: number;
  name: string;
  audienceId: string;
  destinationId: string;
  settings: Record<string, unknown>;
  projection: Required<SubscriptionProjection>;
  initialSync: InitialSyncMode;
  enabled: boolean;
  updatedAt: number;
}

export interface WebhookSourceConfig {
  id: string;
  name: string;
  slug: string;
  mapping: WebhookFieldMapping;
  /** Null when requests are not signed; the secret through ConfigurationCache.webhookSourceSecrets. */
  signature: WebhookSignature | null;
  secretNames: string[];
  enabled: boolean;
  updatedAt: number;
}

export function toAudienceDefinition(entity: AudienceEntity): AudienceDefinition {
  return {
    id: entity.id,
    number: entity.number,
    slug: entity.slug,
    name: entity.name,
    version: entity.version,
    status: entity.status,
    rule: entity.rule,
    projectedVariables: [...entity.projectedVariables],
    updatedAt: entity.updatedAt.getTime(),
  };
}

export function toDestinationConfig(entity: DestinationEntity): DestinationConfig {
  return {
    id: entity.id,
    name: entity.name,
    kind: entity.kind,
    settings: entity.settings,
    secretNames: Object.keys(entity.secrets).sort(),
    enabled: entity.enabled,
    updatedAt: entity.updatedAt.getTime(),
  };
}

export function toSubscriptionConfig(entity: SubscriptionEntity): SubscriptionConfig {
  return {
    id: entity.id,
    name: entity.name,
    audienceId: entity.audienceId,
    destinationId: entity.destinationId,
    settings: entity.settings,
    projection: entity.projection,
    initialSync: entity.initialSync,
    enabled: entity.enabled,
    updatedAt: entity.updatedAt.getTime(),
  };
}

export function toWebhookSourceConfig(entity: WebhookSourceEntity): WebhookSourceConfig {
  return {
    id: entity.id,
    name: entity.name,
    slug: entity.slug,
    mapping: entity.mapping,
    signature: entity.signature,
    secretNames: Object.keys(entity.secrets).sort(),
    enabled: entity.enabled,
    updatedAt: entity.updatedAt.getTime(),
  };
}
