import type { DeliverySubscription, StagedRow } from '@activation/delivery';

export interface ExportSubscriptionSpec {
  id: number;
  connectionString: string;
  container: string;
  settings: Record<string, unknown>;
  fields?: string[];
  initialSync?: 'backfill' | 'future-only';
  /** An armored OpenPGP public key: the files are encrypted to it. */
  pgpPublicKey?: string;
}

/** A `blob-export` subscription (its destination included) as the delivery framework sees it. */
export function exportSubscription(spec: ExportSubscriptionSpec): DeliverySubscription {
  return {
    id: spec.id,
    name: `export ${spec.id}`,
    audienceId: `audience-${spec.id}`,
    enabled: true,
    initialSync: spec.initialSync ?? 'future-only',
    projection: { fields: spec.fields ?? ['email', 'tags', 'attributes'], rename: {}, hash: [] },
    settings: spec.settings,
    destination: {
      id: `blob-${spec.id}`, name: `blob ${spec.id}`, kind: 'blob-export', enabled: true,
      settings: { container: spec.container, prefix: 'exports/' },
      secrets: () => ({ connectionString: spec.connectionString, ...(spec.pgpPublicKey ? { pgpPublicKey: spec.pgpPublicKey } : {}) }),
      updatedAt: 0,
    },
    version: '1',
  };
}

/** Member `index` of a subscription's audience, as a queued row. */
export function memberRow(subscriptionId: number, index: number, origin: 'stream' | 'snapshot' = 'stream'): StagedRow {
  const profileId = `p-${String(index).padStart(6, '0')}`;
  const values = { email: `${profileId}@example.com`, tags: ['a', `t${index % 7}`], attributes: { tier: index % 2 ? 'gold' : 'silver', 'home city': 'Łódź' } };
  const timestamp = 1_772_000_000_000 + index;
  return {
    subscriptionId,
    primaryKey: profileId,
    membershipVersion: 1,
    callType: 'NEW',
    eventId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    origin,
    values,
    envelope: {
      profileId, audienceId: `audience-${subscriptionId}`, audienceNumber: 1, audienceSlug: 'members', audienceVersion: 1, identifiers: {},
      timestamp, enteredAt: timestamp, exitedAt: null, kind: origin === 'snapshot' ? 'snapshot' : 'transition', backfill: false,
    },
    eventTime: timestamp,
    requiresKnownKey: false,
  };
}
