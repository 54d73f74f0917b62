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

  it.each([
    ['a missing profile id', { set: { tier: 'gold' } }, '$.changes[3].profileId', 'profileId is required'],
    ['an empty profile id', { profileId: '', set: { tier: 'gold' } }, '$.changes[3].profileId', 'profileId must not be empty'],
    ['a profile id of the wrong type', { profileId: 42, set: { tier: 'gold' } }, '$.changes[3].profileId', 'profileId must be a string'],
    ['attributes that are not an object', { profileId: 'p', set: 'x' }, '$.changes[3].set', 'set must be a JSON object'],
    ['an empty sender id', { id: '', profileId: 'p', set: { a: 1 } }, '$.changes[3].id', 'id must not be empty'],
  ])('says plainly what is wrong with %s', (_name, item, path, reason) => {
    expect(checkItem('profile-change', item, '$.changes[3]', limits)).toEqual({ ok: false, problems: [{ path, code: 'invalid-field', reason }] });
  });

  it('names a reserved key where it stands', () => {
    expect(checkItem('profile-change', JSON.parse('{"profileId":"p","set":{"__proto__":{"x":1}}}'), '$.changes[0]', limits)).toEqual({
      ok: false,
      problems: [{ path: '$.changes[0].set.__proto__', code: 'reserved-key', reason: 'the key "__proto__" is reserved and not allowed' }],
    });
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

  it.each([
    ['a missing profile id', { name: 'visit' }, '$.events[0].profileId', 'profileId is required'],
    ['an empty profile id', { profileId: '', name: 'visit' }, '$.events[0].profileId', 'profileId must not be empty'],
    ['a missing name', { profileId: 'p' }, '$.events[0].name', 'name is required'],
    ['an empty name', { profileId: 'p', name: '' }, '$.events[0].name', 'name must not be empty'],
    ['a name over the limit', { profileId: 'p', name: 'n'.repeat(129) }, '$.events[0].name', 'name must be at most 128 characters long (it has 129)'],
    ['properties that are not an object', { profileId: 'p', name: 'visit', properties: 'x' }, '$.events[0].properties', 'properties must be a JSON object'],
  ])('says plainly what is wrong with %s', (_name, item, path, reason) => {
    expect(checkItem('event', item, '$.events[0]', limits)).toEqual({ ok: false, problems: [{ path, code: 'invalid-field', reason }] });
  });
});
