import type { EncryptedSecrets } from '@activation/configuration';

export const PULL_SOURCE_KINDS = ['function', 'sql', 'blob-csv'] as const;
export type PullSourceKind = (typeof PULL_SOURCE_KINDS)[number];

/** How records of one entity (or table, or file) become profile changes. */
export interface EntityMapping {
  /** Column holding the profile id. */
  profileId: string;
  /** Attribute name → column; absent: every column except the profile id and identifier columns. */
  attributes?: Record<string, string>;
  /** Partner number (as text) → column holding the profile's id at that partner. */
  identifiers?: Record<string, string>;
}

export interface SourceMapping {
  /** Entity name → mapping; records of other entities are skipped and the run says so. */
  entities: Record<string, EntityMapping>;
  /** `column` (every entity) or `entity.column`: replaced by its SHA-256 (hex) before anything leaves the connector. */
  hashedColumns?: string[];
  /** `column` or `entity.column`: dropped before anything leaves the connector. */
  blockedColumns?: string[];
  /** Entities never imported. */
  blockedEntities?: string[];
}

export interface FunctionSourceSettings {
  url: string;
  customPayload?: Record<string, unknown>;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  /** Attempts per request on HTTP errors and timeouts (default 4). */
  maxAttempts?: number;
}

export interface PullSource {
  id: string;
  name: string;
  kind: PullSourceKind;
  settings: Record<string, unknown>;
  mapping: SourceMapping;
  secrets: EncryptedSecrets;
  intervalSeconds: number;
  enabled: boolean;
  state: Record<string, unknown>;
  nextRunAt: Date;
  runRequestedAt: Date | null;
  resyncRequested: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Owner label of a pull source's secrets (part of each envelope's authenticated data). */
export function pullSourceSecretOwner(id: string): string {
  return `pull-source:${id}`;
}
