import { readMappedPath } from '@activation/configuration';
import { childPath, problem, type ItemProblem } from '../validation/item-problem';
import type { WebhookMapping } from './webhook-source';

/** The mapped change item plus, for each of its fields, where in the payload it came from. */
export interface MappedItem {
  item: Record<string, unknown>;
  /** Path in the change item (`$.set.email`) → path in the payload (`$[2].Email__c`). */
  origins: Map<string, string>;
}

export type MappedRecord = { ok: true; mapped: MappedItem } | { ok: false; problems: ItemProblem[] };

/**
 * Turns one record of a webhook payload into a profile-change item (the same shape as a
 * `POST /v1/profiles` item), which then passes the same checks. A mapped path that is absent
 * leaves that attribute or identifier untouched; `null` unsets the attribute or removes the
 * partner's ids; any other value is set.
 */
export function mapWebhookRecord(record: unknown, root: string, mapping: WebhookMapping): MappedRecord {
  const at = (path: string) => (path === '$' ? root : `${root}${path.slice(1)}`);
  const origins = new Map<string, string>([['$.profileId', at(mapping.profileId)]]);
  const rawId = readMappedPath(record, mapping.profileId);
  const profileId = typeof rawId === 'number' && Number.isSafeInteger(rawId) ? String(rawId) : rawId;
  if (typeof profileId !== 'string' || profileId.length === 0) {
    return {
      ok: false,
      problems: [problem(at(mapping.profileId), 'mapping-failed', 'the profile id must be a non-empty string (or an integer) at this path')],
    };
  }
  const set: Record<string, unknown> = {};
  const unset: string[] = [];
  for (const [name, path] of Object.entries(mapping.attributes)) {
    const value = readMappedPath(record, path);
    if (value === undefined) continue;
    if (value === null) {
      origins.set(`$.unset[${unset.length}]`, at(path));
      unset.push(name);
    } else {
      origins.set(childPath('$.set', name), at(path));
      set[name] = value;
    }
  }
  const identifiers: Record<string, unknown> = {};
  for (const [partner, path] of Object.entries(mapping.identifiers)) {
    const value = readMappedPath(record, path);
    if (value === undefined) continue;
    origins.set(childPath('$.identifiers', partner), at(path));
    identifiers[partner] = value === null ? [] : (Array.isArray(value) ? value : [value]).map((id) => (typeof id === 'number' ? String(id) : id));
  }
  const item: Record<string, unknown> = { profileId };
  if (Object.keys(set).length > 0) item['set'] = set;
  if (unset.length > 0) item['unset'] = unset;
  if (Object.keys(identifiers).length > 0) item['identifiers'] = identifiers;
  return { ok: true, mapped: { item, origins } };
}

/** Rewrites a problem found on the mapped item to point into the payload where possible. */
export function toPayloadPath(itemPath: string, origins: Map<string, string>, fallbackRoot: string): string {
  let best: string | undefined;
  for (const prefix of origins.keys()) {
    const matches = itemPath === prefix || itemPath.startsWith(`${prefix}.`) || itemPath.startsWith(`${prefix}[`);
    if (matches && (!best || prefix.length > best.length)) best = prefix;
  }
  return best ? `${origins.get(best)}${itemPath.slice(best.length)}` : fallbackRoot;
}
