/**
 * An audience as every service reads it from the configuration library: the evaluator compiles
 * `rule`, emitters project `projectedVariables`. `version` grows with every rule or variable change.
 */
export interface AudienceDefinition {
  id: string;
  /** Small integer shown to destinations (seed 002's `sourceNumber`). */
  number: number;
  slug: string;
  name: string;
  version: number;
  status: 'active' | 'paused' | 'archived';
  rule: unknown;
  projectedVariables: string[];
  updatedAt: number;
}

/** One audience created, changed or deleted, as seen by a service's configuration cache. */
export interface AudienceChange {
  audienceId: string;
  previous?: AudienceDefinition;
  current?: AudienceDefinition;
}

/** Read side of the audience configuration, implemented by the configuration library's cache. */
export interface AudienceCatalog {
  list(): Promise<AudienceDefinition[]>;
  get(id: string): Promise<AudienceDefinition | undefined>;
  /** Called after the cache reloaded a changed audience; returns an unsubscribe function. */
  onChange(listener: (change: AudienceChange) => void | Promise<void>): () => void;
}
