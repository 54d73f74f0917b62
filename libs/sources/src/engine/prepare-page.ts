import { HEADERS, PROFILE_CHANGE_VERSION, ProfileChangeMessage, deterministicEventId, validateMessage } from '@activation/contracts';
import { childTraceparent, type OutgoingMessage } from '@activation/kafka';
import type { SourceMapping } from '../model/pull-source';
import { applyColumnPolicy, isEntityBlocked } from './column-policy';
import { attributesOf, contentHash, identifiersOf, profileIdOf, recordKeyOf } from './record-change';
import type { SourcePage, SourceRecord } from './source-page';

/** A record this source imported before, as the records table keeps it. */
export interface KnownRecord {
  entity: string;
  recordKey: string;
  profileId: string;
  contentHash: string;
  deleted: boolean;
  /** The last diff file the record appeared in. */
  seenMarker?: string | null;
}

export interface KnownRecords {
  find(entity: string, recordKey: string): Promise<KnownRecord | undefined>;
  /** Every record of the entity not yet marked deleted. */
  live(entity: string): Promise<KnownRecord[]>;
  /** The stored records of these keys (one query per page, for diff mode). */
  findMany(entity: string, recordKeys: string[]): Promise<KnownRecord[]>;
  /** Live records of the entity whose last diff file is not `marker`. */
  unseen(entity: string, marker: string): Promise<KnownRecord[]>;
}

export interface PageCounts {
  upserted: number;
  deleted: number;
  skipped: number;
  rejected: number;
}

export interface PreparedPage {
  messages: OutgoingMessage[];
  /** Rows of the records table to write once the messages are acknowledged. */
  records: KnownRecord[];
  counts: PageCounts;
  notes: string[];
}

const MAX_NOTES = 50;

/**
 * Turns a page into profile-change messages. Event ids derive from (source, entity, key,
 * content), so a page read again after a crash produces the very same messages.
 * Order: soft deletes (records imported before this page), then deletes, then upserts.
 */
export async function preparePage(sourceId: string, mapping: SourceMapping, page: SourcePage, known: KnownRecords, now: number): Promise<PreparedPage> {
  const notes = new Set<string>(page.notes);
  const counts: PageCounts = { upserted: 0, deleted: 0, skipped: 0, rejected: 0 };
  const messages: OutgoingMessage[] = [];
  const records = new Map<string, KnownRecord>();
  const source = `pull-source:${sourceId}`.slice(0, 128);
  const note = (text: string) => { if (notes.size < MAX_NOTES) notes.add(text); };

  const emit = (change: Omit<ProfileChangeMessage, 'kind' | 'version' | 'receivedAt' | 'source'>): boolean => {
    const message = { kind: 'profile-change' as const, version: PROFILE_CHANGE_VERSION, receivedAt: now, source, ...change };
    const checked = validateMessage(ProfileChangeMessage, message);
    if (!checked.ok) {
      counts.rejected += 1;
      note(`a change of profile ${change.profileId} was rejected: ${checked.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
      return false;
    }
    messages.push({
      key: message.profileId,
      value: Buffer.from(JSON.stringify(message), 'utf8'),
      headers: {
        [HEADERS.eventId]: message.eventId,
        [HEADERS.schemaVersion]: String(message.version),
        [HEADERS.messageType]: message.kind,
        [HEADERS.traceparent]: childTraceparent(undefined),
      },
    });
    return true;
  };
  const current = async (entity: string, recordKey: string) => records.get(`${entity}\u001f${recordKey}`) ?? (await known.find(entity, recordKey));
  const remember = (record: KnownRecord) => records.set(`${record.entity}\u001f${record.recordKey}`, record);
  const markDeleted = (record: KnownRecord) => {
    const emitted = emit({
      eventId: deterministicEventId('pull-source', sourceId, record.entity, record.recordKey, 'deleted', record.contentHash),
      profileId: record.profileId, deleted: true, changedAt: now,
    });
    if (emitted) {
      counts.deleted += 1;
      remember({ ...record, deleted: true });
    }
  };

  const upsertKeys = new Set(page.softDeleteEntities.length > 0 ? page.upserts.map((u) => `${u.entity}\u001f${keyText(u, mapping)}`) : []);
  for (const entity of new Set(page.softDeleteEntities)) {
    if (isEntityBlocked(mapping, entity)) continue;
    for (const record of await known.live(entity)) {
      if (!upsertKeys.has(`${entity}\u001f${record.recordKey}`)) markDeleted(record);
    }
  }

  const softDeleted = new Set(page.softDeleteEntities);
  for (const item of page.deletes) {
    if (isEntityBlocked(mapping, item.entity)) continue;
    if (softDeleted.has(item.entity)) { note(`delete of ${item.entity} has no effect: the entity is also soft-deleted`); continue; }
    const key = keyText(item, mapping);
    const entityMapping = mapping.entities[item.entity];
    const before = await current(item.entity, key);
    if (before?.deleted) continue;
    const record = applyColumnPolicy(mapping, item.entity, item.record);
    const profileId = before?.profileId ?? (entityMapping ? profileIdOf(entityMapping, record) : undefined);
    if (!profileId) { counts.skipped += 1; note(`delete of an unknown ${item.entity} record skipped`); continue; }
    markDeleted(before ?? { entity: item.entity, recordKey: key, profileId, contentHash: '', deleted: false });
  }

  const stored = page.diff ? await storedOf(page, mapping, known) : new Map<string, KnownRecord>();
  for (const item of page.upserts) {
    if (isEntityBlocked(mapping, item.entity)) continue;
    const entityMapping = mapping.entities[item.entity];
    if (!entityMapping) { counts.skipped += 1; note(`records of unmapped entity ${item.entity} skipped`); continue; }
    if (!item.primaryKey || item.primaryKey.length === 0) note(`entity ${item.entity} has no schema: its records are appended without a key`);
    const record = applyColumnPolicy(mapping, item.entity, item.record);
    const key = recordKeyOf(record, item.primaryKey);
    const profileId = profileIdOf(entityMapping, record);
    if (typeof key !== 'string' || !profileId) {
      counts.rejected += 1;
      note(`a ${item.entity} record${item.origin ? ` (${item.origin})` : ''} was rejected: ${typeof key !== 'string' ? `primary key column ${key.missing} is missing` : `profile id column ${entityMapping.profileId} is empty`}`);
      continue;
    }
    const hash = contentHash(record);
    const marker = page.diff?.marker;
    const before = stored.get(`${item.entity}\u001f${key}`);
    if (marker !== undefined && before && !before.deleted && before.contentHash === hash) {
      counts.skipped += 1;
      remember({ ...before, seenMarker: marker });
      continue;
    }
    const { set, unset } = attributesOf(entityMapping, record);
    const identifiers = identifiersOf(entityMapping, record);
    const emitted = emit({
      eventId: deterministicEventId('pull-source', sourceId, item.entity, key, hash),
      profileId,
      changedAt: item.changedAt ?? now,
      ...(Object.keys(set).length > 0 ? { set } : {}),
      ...(unset.length > 0 ? { unset } : {}),
      ...(identifiers ? { identifiers } : {}),
    });
    if (emitted) {
      counts.upserted += 1;
      remember({ entity: item.entity, recordKey: key, profileId, contentHash: hash, deleted: false, seenMarker: marker ?? null });
    }
  }
  const diff = page.diff;
  for (const entity of diff?.removeUnseen ?? []) {
    if (!diff) break;
    for (const record of await known.unseen(entity, diff.marker)) {
      const now = records.get(`${entity}\u001f${record.recordKey}`);
      if (!now || (now.seenMarker !== diff.marker && !now.deleted)) markDeleted(record);
    }
  }
  return { messages, records: [...records.values()], counts, notes: [...notes] };
}

async function storedOf(page: SourcePage, mapping: SourceMapping, known: KnownRecords): Promise<Map<string, KnownRecord>> {
  const keysByEntity = new Map<string, string[]>();
  for (const item of page.upserts) keysByEntity.set(item.entity, [...(keysByEntity.get(item.entity) ?? []), keyText(item, mapping)]);
  const stored = new Map<string, KnownRecord>();
  for (const [entity, keys] of keysByEntity) {
    for (const record of await known.findMany(entity, keys)) stored.set(`${entity}\u001f${record.recordKey}`, record);
  }
  return stored;
}

function keyText(item: SourceRecord, mapping: SourceMapping): string {
  const key = recordKeyOf(applyColumnPolicy(mapping, item.entity, item.record), item.primaryKey);
  return typeof key === 'string' ? key : '';
}
