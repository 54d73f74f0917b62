import { parseJsonBytes } from '@activation/contracts';
import type { IngestLimits } from '../limits/ingest-limits';
import type { InputKind } from '../validation/input-draft';
import { childPath } from '../validation/item-problem';
import { problemAnswer, type IngestAnswer } from './ingest-answer';

type BodyRefusalCode = 'invalid-utf8' | 'invalid-json' | 'invalid-envelope' | 'too-many';

export type BatchBody =
  | { ok: true; items: unknown[]; field: string }
  | { ok: false; code: BodyRefusalCode; answer: IngestAnswer };

export const BATCH_FIELD: Record<InputKind, string> = { 'profile-change': 'changes', event: 'events' };

/** Strict JSON from bytes: invalid UTF-8 is refused, never repaired into U+FFFD. */
export function readJsonBody(body: Buffer): { ok: true; value: unknown } | { ok: false; code: BodyRefusalCode; answer: IngestAnswer } {
  const parsed = parseJsonBytes(body);
  if (parsed.ok) return parsed;
  return parsed.error.includes('UTF-8')
    ? refuse('invalid-utf8', 'The body is not valid UTF-8 text.')
    : refuse('invalid-json', `The body is not valid JSON (${parsed.error.replace(/^message is not valid JSON: /, '')}).`);
}

/** Decodes a batch body (`{ "changes": [...] }` / `{ "events": [...] }`) without judging the items. */
export function readBatchBody(kind: InputKind, body: Buffer, limits: IngestLimits): BatchBody {
  const field = BATCH_FIELD[kind];
  const json = readJsonBody(body);
  if (!json.ok) return json;
  const value = json.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return refuse('invalid-envelope', `The body must be a JSON object with a "${field}" array.`, '$');
  }
  const unknown = Object.keys(value).find((key) => key !== field);
  if (unknown !== undefined) {
    return refuse('invalid-envelope', `Only "${field}" may appear at the top of the body.`, childPath('$', unknown.slice(0, 256)));
  }
  const items = (value as Record<string, unknown>)[field];
  if (!Array.isArray(items)) return refuse('invalid-envelope', `The body must be a JSON object with a "${field}" array.`, `$.${field}`);
  return checkBatchLength(items, field, limits);
}

export function checkBatchLength(items: unknown[], field: string, limits: IngestLimits): BatchBody {
  const at = field === '' ? '$' : `$.${field}`;
  if (items.length === 0) return refuse('invalid-envelope', 'A batch must hold at least one item.', at);
  if (items.length > limits.maxBatchItems) {
    return refuse('too-many', `The batch holds ${items.length} items; the limit is ${limits.maxBatchItems}.`, at);
  }
  return { ok: true, items, field };
}

function refuse(code: BodyRefusalCode, detail: string, path?: string) {
  return {
    ok: false as const,
    code,
    answer: problemAnswer(400, code, 'The request body is not acceptable', detail, path ? { errors: [{ path, code, reason: detail }] } : {}),
  };
}
