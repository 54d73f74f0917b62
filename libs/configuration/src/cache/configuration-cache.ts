import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AudienceCatalog, AudienceChange, AudienceDefinition, ConfigEntity } from '@activation/contracts';
import type { MessageBus, Subscription } from '@activation/kafka';
import type { ApiKeyPrincipal } from '../api-keys/api-key-roles';
import { ApiKeyRepository } from '../repositories/api-key.repository';
import { secretOwner, type EncryptedSecrets, type SecretCipher } from '../secrets/secret-cipher';
import { ApiKeyVerifier } from './api-key-verifier';
import { ConfigChangeListener } from './config-change-listener';
import { ConfigurationLoader, type LoadedConfiguration } from './configuration-loader';
import type { DestinationConfig, SubscriptionConfig, WebhookSourceConfig } from './configuration-views';
import { EntityMap, type MapChange } from './entity-map';

export interface ConfigurationCacheOptions {
  serviceName: string;
  instance: string;
  topic: string;
  refreshIntervalMs: number;
  apiKeyTtlMs: number;
}

/** Any entity reloaded: `current` undefined means it no longer exists. */
export interface ConfigurationChange {
  entity: ConfigEntity;
  id: string;
  previous?: unknown;
  current?: unknown;
}

type Listener<T> = (change: T) => void | Promise<void>;

/**
 * Every service's view of the configuration: loaded whole at start, then each entity reloaded
 * when config-changes names it (see ConfigChangeListener), and reloaded whole periodically as a
 * safety net. Listeners run after each reload; a failing listener fails the change message, so
 * it is retried like any other message.
 */
export class ConfigurationCache implements AudienceCatalog {
  private readonly audiences = new EntityMap<AudienceDefinition>();
  private readonly destinations = new EntityMap<DestinationConfig, EncryptedSecrets>();
  private readonly subscriptions = new EntityMap<SubscriptionConfig>();
  private readonly webhookSources = new EntityMap<WebhookSourceConfig, EncryptedSecrets>();
  private readonly audienceListeners = new Set<Listener<AudienceChange>>();
  private readonly listeners = new Set<Listener<ConfigurationChange>>();
  private readonly loader: ConfigurationLoader;
  private readonly apiKeys: ApiKeyVerifier;
  private readonly changes: ConfigChangeListener;
  private subscription?: Subscription;
  private refreshTimer?: NodeJS.Timeout;
  private loaded?: Promise<unknown>;

  constructor(
    dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly cipher: SecretCipher,
    private readonly logger: Logger,
    private readonly options: ConfigurationCacheOptions,
  ) {
    this.loader = new ConfigurationLoader(dataSource);
    this.apiKeys = new ApiKeyVerifier(new ApiKeyRepository(dataSource), options.apiKeyTtlMs);
    this.changes = new ConfigChangeListener(bus, logger, options, (entity, id) => this.reload(entity, id));
  }

  /** Loads everything and starts listening; resolves once the first load is complete. */
  async start(): Promise<void> {
    const startedAt = Date.now();
    this.loaded = this.loader.loadAll().then((loaded) => this.replaceAll(loaded, false));
    this.subscription = await this.changes.start(startedAt, this.loaded);
    await this.loaded;
    if (this.options.refreshIntervalMs > 0) {
      this.refreshTimer = setInterval(() => void this.refresh(), this.options.refreshIntervalMs);
      this.refreshTimer.unref();
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.refreshTimer);
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  /** Audience changes, as AudienceCatalog promises them to the evaluator. */
  onChange(listener: Listener<AudienceChange>): () => void {
    this.audienceListeners.add(listener);
    return () => this.audienceListeners.delete(listener);
  }

  /** Changes of any entity (audiences included). */
  onConfigurationChange(listener: Listener<ConfigurationChange>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async list(): Promise<AudienceDefinition[]> {
    return this.audiences.values();
  }

  async get(id: string): Promise<AudienceDefinition | undefined> {
    return this.audiences.get(id);
  }

  audienceBySlug(slug: string): AudienceDefinition | undefined {
    return this.audiences.values().find((audience) => audience.slug === slug);
  }

  destination(id: string): DestinationConfig | undefined {
    return this.destinations.get(id);
  }

  allDestinations(): DestinationConfig[] {
    return this.destinations.values();
  }

  subscriptionById(id: number): SubscriptionConfig | undefined {
    return this.subscriptions.get(String(id));
  }

  allSubscriptions(): SubscriptionConfig[] {
    return this.subscriptions.values();
  }

  subscriptionsOfAudience(audienceId: string): SubscriptionConfig[] {
    return this.subscriptions.values().filter((subscription) => subscription.audienceId === audienceId);
  }

  webhookSource(id: string): WebhookSourceConfig | undefined {
    return this.webhookSources.get(id);
  }

  webhookSourceBySlug(slug: string): WebhookSourceConfig | undefined {
    return this.webhookSources.values().find((source) => source.slug === slug);
  }

  /** Decrypts a destination's secrets for the one call that needs them; never log the result. */
  destinationSecrets(id: string): Record<string, string> {
    return this.cipher.decryptAll(this.destinations.extra(id) ?? {}, secretOwner.destination(id));
  }

  webhookSourceSecrets(id: string): Record<string, string> {
    return this.cipher.decryptAll(this.webhookSources.extra(id) ?? {}, secretOwner.source(id));
  }

  verifyApiKey(raw: string): Promise<ApiKeyPrincipal | undefined> {
    return this.apiKeys.verify(raw);
  }

  /** Reloads one entity from Postgres and tells the listeners. */
  async reload(entity: ConfigEntity, id: string): Promise<void> {
    if (entity === 'api-key') {
      this.apiKeys.invalidate(id);
      return;
    }
    await this.loaded;
    const change = await this.reloadOne(entity, id);
    if (change) await this.emit(entity, change);
  }

  private async reloadOne(entity: Exclude<ConfigEntity, 'api-key'>, id: string): Promise<MapChange<unknown> | undefined> {
    switch (entity) {
      case 'audience':
        return this.audiences.set(id, await this.loader.audience(id));
      case 'destination':
        return this.destinations.set(id, await this.loader.destination(id));
      case 'subscription':
        return /^\d{1,9}$/.test(id) ? this.subscriptions.set(id, await this.loader.subscription(Number(id))) : undefined;
      case 'source':
        return this.webhookSources.set(id, await this.loader.webhookSource(id));
    }
  }

  private async refresh(): Promise<void> {
    try {
      await this.replaceAll(await this.loader.loadAll(), true);
    } catch (error) {
      this.logger.warn({ reason: (error as Error).message }, 'periodic configuration reload failed');
    }
  }

  private async replaceAll(loaded: LoadedConfiguration, notify: boolean): Promise<void> {
    const changes: Array<[ConfigEntity, MapChange<unknown>[]]> = [
      ['audience', this.audiences.replace(loaded.audiences)],
      ['destination', this.destinations.replace(loaded.destinations)],
      ['subscription', this.subscriptions.replace(loaded.subscriptions)],
      ['source', this.webhookSources.replace(loaded.webhookSources)],
    ];
    this.apiKeys.clear();
    this.logger.info(
      { audiences: loaded.audiences.size, destinations: loaded.destinations.size, subscriptions: loaded.subscriptions.size, webhookSources: loaded.webhookSources.size },
      'configuration loaded',
    );
    if (!notify) return;
    for (const [entity, list] of changes) for (const change of list) await this.emit(entity, change);
  }

  private async emit(entity: ConfigEntity, change: MapChange<unknown>): Promise<void> {
    this.logger.debug({ entity, id: change.id, exists: change.current !== undefined }, 'configuration entity reloaded');
    if (entity === 'audience') {
      const audienceChange: AudienceChange = {
        audienceId: change.id,
        previous: change.previous as AudienceDefinition | undefined,
        current: change.current as AudienceDefinition | undefined,
      };
      for (const listener of this.audienceListeners) await listener(audienceChange);
    }
    for (const listener of this.listeners) await listener({ entity, ...change });
  }
}
