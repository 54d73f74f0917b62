import type { DataSource } from 'typeorm';
import type { AudienceDefinition } from '@activation/contracts';
import { AudienceRepository } from '../repositories/audience.repository';
import { DestinationRepository } from '../repositories/destination.repository';
import { SubscriptionRepository } from '../repositories/subscription.repository';
import { WebhookSourceRepository } from '../repositories/webhook-source.repository';
import type { EncryptedSecrets } from '../secrets/secret-cipher';
import {
  toAudienceDefinition, toDestinationConfig, toSubscriptionConfig, toWebhookSourceConfig,
  type DestinationConfig, type SubscriptionConfig, type WebhookSourceConfig,
} from './configuration-views';

type Entry<V, Extra = undefined> = { view: V; extra: Extra };

export interface LoadedConfiguration {
  audiences: Map<string, Entry<AudienceDefinition>>;
  destinations: Map<string, Entry<DestinationConfig, EncryptedSecrets>>;
  subscriptions: Map<string, Entry<SubscriptionConfig>>;
  webhookSources: Map<string, Entry<WebhookSourceConfig, EncryptedSecrets>>;
}

/** Reads configuration rows into the views services use (secrets stay encrypted). */
export class ConfigurationLoader {
  private readonly audiences: AudienceRepository;
  private readonly destinations: DestinationRepository;
  private readonly subscriptions: SubscriptionRepository;
  private readonly webhookSources: WebhookSourceRepository;

  constructor(dataSource: DataSource) {
    this.audiences = new AudienceRepository(dataSource);
    this.destinations = new DestinationRepository(dataSource);
    this.subscriptions = new SubscriptionRepository(dataSource);
    this.webhookSources = new WebhookSourceRepository(dataSource);
  }

  async loadAll(): Promise<LoadedConfiguration> {
    const [audiences, destinations, subscriptions, sources] = await Promise.all([
      this.audiences.findAll(),
      this.destinations.findAll(),
      this.subscriptions.findAll(),
      this.webhookSources.findAll(),
    ]);
    return {
      audiences: new Map(audiences.map((row) => [row.id, { view: toAudienceDefinition(row), extra: undefined }])),
      destinations: new Map(destinations.map((row) => [row.id, { view: toDestinationConfig(row), extra: row.secrets }])),
      subscriptions: new Map(subscriptions.map((row) => [String(row.id), { view: toSubscriptionConfig(row), extra: undefined }])),
      webhookSources: new Map(sources.map((row) => [row.id, { view: toWebhookSourceConfig(row), extra: row.secrets }])),
    };
  }

  async audience(id: string): Promise<Entry<AudienceDefinition> | undefined> {
    const row = isUuid(id) ? await this.audiences.findById(id) : null;
    return row ? { view: toAudienceDefinition(row), extra: undefined } : undefined;
  }

  async destination(id: string): Promise<Entry<DestinationConfig, EncryptedSecrets> | undefined> {
    const row = isUuid(id) ? await this.destinations.findById(id) : null;
    return row ? { view: toDestinationConfig(row), extra: row.secrets } : undefined;
  }

  async subscription(id: number): Promise<Entry<SubscriptionConfig> | undefined> {
    const row = await this.subscriptions.findById(id);
    return row ? { view: toSubscriptionConfig(row), extra: undefined } : undefined;
  }

  async webhookSource(id: string): Promise<Entry<WebhookSourceConfig, EncryptedSecrets> | undefined> {
    const row = isUuid(id) ? await this.webhookSources.findById(id) : null;
    return row ? { view: toWebhookSourceConfig(row), extra: row.secrets } : undefined;
  }
}

/** A malformed id in a change message must not become a Postgres error (invalid uuid syntax). */
function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}
