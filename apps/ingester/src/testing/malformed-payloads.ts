/**
 * Generates payloads that must all be refused: wrong types, huge strings, deep nesting, invalid
 * UTF-8, prototype-pollution keys, missing fields, broken JSON... Deterministic for a seed, so a
 * failure can be reproduced.
 */
export type Kind = 'profile-change' | 'event';

export interface Malformed {
  category: string;
  kind: Kind;
  bytes: Buffer;
}

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Item = Record<string, unknown>;
type Mutation = (item: Item, kind: Kind, random: () => number) => Item;

const INVALID_UTF8 = [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xfe, 0xfe], [0xc3]];
const WRONG_VALUES: unknown[] = [42, -1, 1.5, true, null, [], [1, 'a'], {}, { a: 1 }, '', 'x'.repeat(300)];
const RESERVED = ['__proto__', 'constructor', 'prototype'];
const RESERVED_SEGMENTS = ['toString', 'a.__proto__.b', 'constructor.x', 'hasOwnProperty', 'valueOf', 'a..b', '.a', 'b.'];

const pick = <T>(values: readonly T[], random: () => number): T => values[Math.floor(random() * values.length)];

function validItem(kind: Kind, random: () => number): Item {
  const profileId = `fuzz-${Math.floor(random() * 1e9)}`;
  return kind === 'profile-change'
    ? { profileId, set: { email: 'a@example.com', score: 3 }, unset: ['phone'], identifiers: { '7': ['x'] } }
    : { profileId, name: 'visit', properties: { page: '/home' } };
}

function nest(depth: number, leaf: unknown, useArrays: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i += 1) value = useArrays ? [value] : { n: value };
  return value;
}

const valueField = (kind: Kind) => (kind === 'profile-change' ? 'set' : 'properties');

/** Each mutation turns a valid item into one that must be refused. */
const MUTATIONS: Record<string, Mutation> = {
  'wrong-type-profile-id': (item, _kind, random) => ({ ...item, profileId: pick(WRONG_VALUES.filter((v) => typeof v !== 'string' || v === '' || v.length > 256), random) }),
  'missing-profile-id': ({ profileId: _drop, ...rest }) => rest,
  'wrong-type-container': (item, kind, random) => ({ ...item, [valueField(kind)]: pick(['str', 5, true, null, [1, 2]], random) }),
  'wrong-type-field': (item, kind, random) =>
    kind === 'profile-change'
      ? { ...item, ...pick([{ unset: 'phone' }, { unset: [1] }, { deleted: 'true' }, { identifiers: { '7': 'x' } }, { identifiers: { x: ['1'] } }, { changedAt: 'yesterday' }, { changedAt: 1.5 }, { changedAt: -5 }, { id: 7 }], random) }
      : { ...item, ...pick([{ name: 5 }, { name: '' }, { name: 'n'.repeat(200) }, { occurredAt: 'now' }, { occurredAt: 2.5 }, { id: false }], random) },
  'missing-field': (item, kind) => {
    if (kind === 'event') {
      const { name: _drop, ...rest } = item;
      return rest;
    }
    return { profileId: item['profileId'] };
  },
  'unknown-field': (item, _kind, random) => ({ ...item, [pick(['extra', 'Set', 'profile_id', 'x'], random)]: 1 }),
  'huge-string': (item, kind, random) => ({ ...item, [valueField(kind)]: { big: 'x'.repeat(8193 + Math.floor(random() * 20_000)) } }),
  'huge-key': (item, kind) => ({ ...item, [valueField(kind)]: { ['k'.repeat(300)]: 1 } }),
  'huge-profile-id': (item) => ({ ...item, profileId: 'p'.repeat(257 + 10) }),
  'deep-nesting': (item, kind, random) => ({ ...item, [valueField(kind)]: { deep: nest(10 + Math.floor(random() * 3000), 1, random() < 0.5) } }),
  'prototype-key-in-value': (item, kind, random) => ({ ...item, [valueField(kind)]: JSON.parse(`{"ok":1,"nested":{"${pick(RESERVED, random)}":{"polluted":true}}}`) }),
  'prototype-key-in-item': (item, _kind, random) => ({ ...JSON.parse(`{"${pick(RESERVED, random)}":{"polluted":true}}`), ...item }),
  'reserved-attribute-path': (item, kind, random) =>
    kind === 'profile-change' ? { ...item, set: { [pick(RESERVED_SEGMENTS, random)]: 1 } } : { ...item, properties: JSON.parse('{"__proto__":1}') },
  'too-many-attributes': (item, kind) => ({ ...item, [valueField(kind)]: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`a${i}`, i])) }),
};

/** Mutations applied to the JSON text (strings escaped so JSON.parse yields bad text). */
const TEXT_MUTATIONS: Record<string, (json: string) => string> = {
  'lone-surrogate': (json) => json.replace('"fuzz-', '"\\ud800fuzz-'),
  'nul-character': (json) => json.replace('"fuzz-', '"\\u0000fuzz-'),
  'huge-number': (json) => json.replace(/"fuzz-\d+"/, (id) => `${id}, "changedAt": 1e999, "occurredAt": 1e999`),
};

function serialize(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

function injectBytes(bytes: Buffer, random: () => number): Buffer {
  const at = bytes.indexOf('fuzz-');
  const bad = Buffer.from(pick(INVALID_UTF8, random));
  return Buffer.concat([bytes.subarray(0, at), bad, bytes.subarray(at)]);
}

function breakJson(bytes: Buffer, random: () => number): Buffer {
  const text = bytes.toString('utf8');
  return Buffer.from(pick([text.slice(0, Math.max(1, Math.floor(text.length / 2))), `${text}}`, text.replace(':', ''), `${text},`, `'${text}'`, ''], random));
}

/** One malformed item (already JSON text) of the given kind, and what was done to it. */
function malformedItemJson(kind: Kind, random: () => number): { category: string; json: string } {
  const textual = random() < 0.15;
  if (textual) {
    const category = pick(Object.keys(TEXT_MUTATIONS), random);
    return { category, json: TEXT_MUTATIONS[category](JSON.stringify(validItem(kind, random))) };
  }
  const category = pick(Object.keys(MUTATIONS), random);
  return { category, json: JSON.stringify(MUTATIONS[category](validItem(kind, random), kind, random)) };
}

/** A whole HTTP body where nothing may be accepted. */
export function malformedBody(random: () => number, maxBatchItems: number): Malformed {
  const kind: Kind = random() < 0.5 ? 'profile-change' : 'event';
  const field = kind === 'profile-change' ? 'changes' : 'events';
  const roll = random();
  if (roll < 0.12) {
    const { json } = malformedItemJson(kind, random);
    return { category: 'invalid-utf8', kind, bytes: injectBytes(Buffer.from(`{"${field}":[${json}]}`), random) };
  }
  if (roll < 0.2) return { category: 'invalid-json', kind, bytes: breakJson(serialize({ [field]: [validItem(kind, random)] }), random) };
  if (roll < 0.28) {
    const envelopes = [[], 5, null, 'text', { [field]: {} }, { [field]: [] }, { other: [validItem(kind, random)] }, { [field]: [validItem(kind, random)], extra: 1 }];
    if (random() < 0.3) envelopes.push({ [field]: Array.from({ length: maxBatchItems + 1 }, () => validItem(kind, random)) });
    if (random() < 0.3) return { category: 'prototype-envelope', kind, bytes: Buffer.from(`{"__proto__":{"x":1},"${field}":[${JSON.stringify(validItem(kind, random))}]}`) };
    return { category: 'invalid-envelope', kind, bytes: serialize(pick(envelopes, random)) };
  }
  const items = Array.from({ length: 1 + Math.floor(random() * 3) }, () => malformedItemJson(kind, random));
  return { category: items.map((i) => i.category).join('+'), kind, bytes: Buffer.from(`{"${field}":[${items.map((i) => i.json).join(',')}]}`) };
}

/** A raw-topic value that must be dead-lettered (null means a message without value). */
export function malformedRawValue(random: () => number): { category: string; value: Buffer | null } {
  const kind: Kind = random() < 0.5 ? 'profile-change' : 'event';
  const roll = random();
  const withKind = (json: string) => `{"kind":"${kind}",${json.slice(1)}`;
  if (roll < 0.03) return { category: 'no-value', value: null };
  if (roll < 0.15) return { category: 'invalid-utf8', value: injectBytes(Buffer.from(withKind(JSON.stringify(validItem(kind, random)))), random) };
  if (roll < 0.22) return { category: 'invalid-json', value: breakJson(Buffer.from(withKind(JSON.stringify(validItem(kind, random)))), random) };
  if (roll < 0.3) {
    const item = validItem(kind, random);
    const variants = [item, { ...item, kind: 'other' }, { ...item, kind: 5 }, [item], 'text', { ...item, kind, source: 'bad source!' }];
    return { category: 'invalid-envelope', value: serialize(pick(variants, random)) };
  }
  const { category, json } = malformedItemJson(kind, random);
  return { category, value: Buffer.from(withKind(json)) };
}
