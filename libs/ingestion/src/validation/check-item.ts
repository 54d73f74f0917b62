import type { ClassConstructor } from 'class-transformer';
import { validateMessage } from '@activation/contracts';
import type { IngestLimits } from '../limits/ingest-limits';
import { EventItemDto } from '../dto/event-item.dto';
import { ProfileChangeItemDto } from '../dto/profile-change-item.dto';
import { attributePathProblem } from './attribute-path';
import { parseTimestamp } from './custom-constraints';
import type { ChangeDraft, EventDraft, InputDraft, InputKind } from './input-draft';
import { childPath, problem, rebasePath, type ItemProblem } from './item-problem';
import { checkJsonBounds } from './json-bounds';

export type ItemCheck = { ok: true; draft: InputDraft } | { ok: false; problems: ItemProblem[] };

/** Levels above an attribute value inside an item: the item itself and `set` / `properties`. */
const ITEM_WRAPPER_LEVELS = 2;

/**
 * Checks one item of a batch (or one raw-topic value) and turns it into a draft. Never throws:
 * every way an item can be wrong ends as problems with the JSON path under `path`.
 */
export function checkItem(kind: InputKind, item: unknown, path: string, limits: IngestLimits): ItemCheck {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    return refuse([problem(path, 'invalid-field', 'must be a JSON object')]);
  }
  const bounds = checkJsonBounds(item, path, limits, ITEM_WRAPPER_LEVELS);
  if (bounds.length > 0) return refuse(bounds);
  const dto: ClassConstructor<object> = kind === 'profile-change' ? ProfileChangeItemDto : EventItemDto;
  const validated = validateMessage(dto, item);
  if (!validated.ok) {
    // One problem per path: the type constraint is checked last and says the most.
    const byPath = new Map(validated.errors.map((error) => [error.path, error.message]));
    return refuse(
      [...byPath].map(([at, message]) =>
        problem(rebasePath(at, path), /should not exist/.test(message) ? 'unknown-field' : 'invalid-field', message),
      ),
    );
  }
  return kind === 'profile-change'
    ? checkChange(item as ProfileChangeItemDto, path, limits)
    : checkEvent(item as EventItemDto, path, limits);
}

function checkChange(item: ProfileChangeItemDto, path: string, limits: IngestLimits): ItemCheck {
  const problems: ItemProblem[] = [];
  const setPaths = Object.keys(item.set ?? {});
  const unset = item.unset ?? [];
  if (item.set === undefined && item.unset === undefined && item.identifiers === undefined && item.deleted === undefined) {
    problems.push(problem(path, 'invalid-field', 'a change must hold at least one of set, unset, identifiers or deleted'));
  }
  if (item.deleted === true && (setPaths.length > 0 || unset.length > 0)) {
    problems.push(problem(`${path}.deleted`, 'invalid-field', 'a change that deletes the profile cannot also set or unset attributes'));
  }
  if (setPaths.length + unset.length > limits.maxAttributes) {
    problems.push(problem(path, 'too-many', `a change may set and unset at most ${limits.maxAttributes} attributes in total`));
  }
  for (const name of setPaths) {
    const reason = attributePathProblem(name);
    if (reason) problems.push(problem(childPath(`${path}.set`, name), 'invalid-field', reason));
  }
  const setNames = new Set(setPaths);
  unset.forEach((name, index) => {
    const reason = attributePathProblem(name) ?? (setNames.has(name) ? `"${name}" is both set and unset` : undefined);
    if (reason) problems.push(problem(`${path}.unset[${index}]`, 'invalid-field', reason));
  });
  for (const [partner, ids] of Object.entries(item.identifiers ?? {})) {
    if (ids.length > limits.maxIdsPerPartner) {
      problems.push(problem(childPath(`${path}.identifiers`, partner), 'too-many', `at most ${limits.maxIdsPerPartner} ids per partner`));
    }
  }
  if (problems.length > 0) return refuse(problems);
  const draft: ChangeDraft = {
    kind: 'profile-change',
    senderId: item.id,
    profileId: item.profileId,
    set: item.set,
    unset: item.unset,
    identifiers: item.identifiers,
    deleted: item.deleted,
    changedAt: item.changedAt === undefined ? undefined : parseTimestamp(item.changedAt),
  };
  return { ok: true, draft };
}

function checkEvent(item: EventItemDto, path: string, limits: IngestLimits): ItemCheck {
  if (Object.keys(item.properties ?? {}).length > limits.maxAttributes) {
    return refuse([problem(`${path}.properties`, 'too-many', `an event may hold at most ${limits.maxAttributes} properties`)]);
  }
  const draft: EventDraft = {
    kind: 'event',
    senderId: item.id,
    profileId: item.profileId,
    name: item.name,
    occurredAt: item.occurredAt === undefined ? undefined : parseTimestamp(item.occurredAt),
    properties: item.properties,
  };
  return { ok: true, draft };
}

function refuse(problems: ItemProblem[]): ItemCheck {
  return { ok: false, problems };
}
