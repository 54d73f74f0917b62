import type { ConfigurationCache, WebhookSourceConfig } from '@activation/configuration';
import type { WebhookSourceDefinition, WebhookSourceLookup } from './webhook-source';

/** The secret name under which a webhook source keeps its signing key. */
export const WEBHOOK_HMAC_SECRET = 'hmacSecret';

/** Webhook sources as the configuration cache holds them (reloaded on config-changes). */
export class ConfigurationWebhookSources implements WebhookSourceLookup {
  constructor(private readonly cache: ConfigurationCache) {}

  async find(idOrSlug: string): Promise<WebhookSourceDefinition | undefined> {
    const config = this.cache.webhookSource(idOrSlug) ?? this.cache.webhookSourceBySlug(idOrSlug);
    return config ? this.toDefinition(config) : undefined;
  }

  private toDefinition(config: WebhookSourceConfig): WebhookSourceDefinition {
    const definition: WebhookSourceDefinition = {
      id: config.id,
      slug: config.slug,
      enabled: config.enabled,
      mapping: { profileId: config.mapping.profileId, attributes: config.mapping.attributes ?? {}, identifiers: config.mapping.identifiers ?? {} },
    };
    if (config.signature) {
      const secret = this.secretOf(config.id);
      // A source that asks for signatures but has no usable secret accepts nothing (fail closed).
      definition.signature = { header: config.signature.header, secret: secret ?? '' };
      if (!secret) definition.enabled = false;
    }
    return definition;
  }

  private secretOf(id: string): string | undefined {
    try {
      return this.cache.webhookSourceSecrets(id)[WEBHOOK_HMAC_SECRET];
    } catch {
      return undefined;
    }
  }
}
