/** Where in a webhook's JSON body the profile id, attributes and identifiers are. */
export interface WebhookMapping {
  /** JSON path of the profile id, e.g. `$.payload.Contact_Id__c`. */
  profileId: string;
  /** Attribute name (dot path) → JSON path of its value. */
  attributes: Record<string, string>;
  /** Partner number → JSON path of that partner's id (a string, a number, or an array of them). */
  identifiers: Record<string, string>;
}

/** A configured webhook sender as the ingester needs it. */
export interface WebhookSourceDefinition {
  id: string;
  slug: string;
  enabled: boolean;
  mapping: WebhookMapping;
  /** Present when requests must be signed. */
  signature?: { header: string; secret: string };
}

/** Finds a webhook source by id (or slug); how sources are stored is not the ingester's business. */
export interface WebhookSourceLookup {
  find(idOrSlug: string): Promise<WebhookSourceDefinition | undefined>;
}

export const WEBHOOK_SOURCE_LOOKUP = Symbol('WEBHOOK_SOURCE_LOOKUP');
