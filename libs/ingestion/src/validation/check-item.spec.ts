import { DEFAULT_INGEST_LIMITS } from '../limits/ingest-limits';
import { checkItem } from './check-item';

const limits = DEFAULT_INGEST_LIMITS;
const paths = (result: ReturnType<typeof checkItem>) => (result.ok ? [] : result.problems.map((p) => `${p.path} ${p.code}`));

describe('checkItem (profile changes)', () => {
  it('accepts a full change and normalizes its time to epoch milliseconds', () => {
    const result = checkItem(
      'profile-change',
      { id: 'c-1', profileId: 'p-1', set: { email: 'a@example.com', 'address.city': 'Oslo' }, unset: ['phone'], identifiers: { '7': ['crm-1'] }, changedAt: '2025-01-31T12:00:00Z' },
      '$.changes[0]',
      limits,
    );
    expect(result).toEqual({
      ok: true,
      draft: {
        kind: 'profile-change', senderId: 'c-1', profileId: 'p-1', set: { email: 'a@example.com', 'address.city': 'Oslo' },
        unset: ['phone'], identifiers: { '7': ['crm-1'] }, deleted: undefined, changedAt: Date.UTC(2025, 0, 31, 12),
      },
    });
  });

  it.each([
    ['not an object', 'x', '$.changes[3] invalid-field'],
    ['missing profile id', { set: { a: 1 } }, '$.changes[3].profileId invalid-field'],
    ['profile id of the wrong type', { profileId: 42, set: { a: 1 } }, '$.changes[3].profileId invalid-field'],
    ['null where an object belongs', { profileId: 'p', set: null }, '$.changes[3].set invalid-field'],
    ['unknown field', { profileId: 'p', set: { a: 1 }, extra: 1 }, '$.changes[3].extra unknown-field'],
    ['nothing to change', { profileId: 'p' }, '$.changes[3] invalid-field'],
    ['reserved key in a value', JSON.parse('{"profileId":"p","set":{"a":{"__proto__":{"x":1}}}}'), '$.changes[3].set.a.__proto__ reserved-key'],
    ['constructor as attribute', { profileId: 'p', set: { constructor: 1 } }, '$.changes[3].set.constructor reserved-key'],
    ['reserved path segment', { profileId: 'p', set: { 'a.toString': 1 } }, '$.changes[3].set["a.toString"] invalid-field'],
    ['empty path segment', { profileId: 'p', unset: ['a..b'] }, '$.changes[3].unset[0] invalid-field'],
    ['set and unset at once', { profileId: 'p', set: { a: 1 }, unset: ['a'] }, '$.changes[3].unset[0] invalid-field'],
    ['bad partner number', { profileId: 'p', identifiers: { x: ['1'] } }, '$.changes[3].identifiers invalid-field'],
    ['bad time', { profileId: 'p', set: { a: 1 }, changedAt: '31/01/2025' }, '$.changes[3].changedAt invalid-field'],
    ['huge string', { profileId: 'p', set: { a: 'x'.repeat(limits.maxStringLength + 1) } }, '$.changes[3].set.a too-long'],
    ['lone surrogate', JSON.parse('{"profileId":"p","set":{"a":"\\ud800"}}'), '$.changes[3].set.a invalid-text'],
    ['NUL character', { profileId: 'p', set: { a: 'x\u0000y' } }, '$.changes[3].set.a invalid-text'],
    ['infinite number', JSON.parse('{"profileId":"p","set":{"a":1e999}}'), '$.changes[3].set.a invalid-number'],
    ['deleting and setting', { profileId: 'p', deleted: true, set: { a: 1 } }, '$.changes[3].deleted invalid-field'],
  ])('refuses %s', (_name, item, expected) => {
    expect(paths(checkItem('profile-change', item, '$.changes[3]', limits))).toContain(expected);
  });

  it('stops descending at the depth limit', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    const result = checkItem('profile-change', { profileId: 'p', set: { a: deep } }, '$', limits);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([expect.objectContaining({ code: 'too-deep' })]);
  });

  it('accepts nesting up to the depth limit', () => {
    let value: unknown = 'leaf';
    for (let i = 0; i < limits.maxDepth; i += 1) value = { nested: value };
    expect(checkItem('profile-change', { profileId: 'p', set: { a: value } }, '$', limits).ok).toBe(true);
    expect(checkItem('profile-change', { profileId: 'p', set: { a: { more: value } } }, '$', limits).ok).toBe(false);
  });

  it('counts set and unset attributes against the limit', () => {
    const set = Object.fromEntries(Array.from({ length: limits.maxAttributes }, (_, i) => [`a${i}`, i]));
    expect(checkItem('profile-change', { profileId: 'p', set }, '$', limits).ok).toBe(true);
    expect(paths(checkItem('profile-change', { profileId: 'p', set, unset: ['z'] }, '$', limits))).toContain('$ too-many');
  });
});

describe('checkItem (events)', () => {
  it('accepts an event with epoch time and properties', () => {
    const result = checkItem('event', { profileId: 'p', name: 'purchase', occurredAt: 1_700_000_000_000, properties: { amount: 3 } }, '$', limits);
    expect(result.ok && result.draft).toEqual({
      kind: 'event', senderId: undefined, profileId: 'p', name: 'purchase', occurredAt: 1_700_000_000_000, properties: { amount: 3 },
    });
  });

  it.each([
    ['missing name', { profileId: 'p' }, '$.name invalid-field'],
    ['negative time', { profileId: 'p', name: 'x', occurredAt: -1 }, '$.occurredAt invalid-field'],
    ['fractional time', { profileId: 'p', name: 'x', occurredAt: 1.5 }, '$.occurredAt invalid-field'],
    ['array properties', { profileId: 'p', name: 'x', properties: [1] }, '$.properties invalid-field'],
  ])('refuses %s', (_name, item, expected) => {
    expect(paths(checkItem('event', item, '$', limits))).toContain(expected);
  });
});
