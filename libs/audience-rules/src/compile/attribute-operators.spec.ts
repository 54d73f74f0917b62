import { NOW, daysAgo, evaluateAt, profileOf } from '../spec-helpers';

const MISSING = Symbol('missing');
const iso = (time: number) => new Date(time).toISOString();

type Row = [
  operator: string,
  value: unknown,
  actual: unknown,
  expected: boolean,
];

// Every operator: a match, a non-match, a type mismatch and a missing path.
const rows: Row[] = [
  ['equals', 'Oslo', 'Oslo', true],
  ['equals', 'Oslo', 'Bergen', false],
  ['equals', 5, '5', false],
  ['equals', true, true, true],
  ['equals', 'Oslo', MISSING, false],
  ['notEquals', 'Oslo', 'Bergen', true],
  ['notEquals', 'Oslo', 'Oslo', false],
  ['notEquals', 5, '5', true],
  ['notEquals', 'Oslo', MISSING, true],
  ['greaterThan', 18, 20, true],
  ['greaterThan', 18, 18, false],
  ['greaterThan', 18, '20', false],
  ['greaterThan', 18, MISSING, false],
  ['greaterThanOrEqual', 18, 18, true],
  ['greaterThanOrEqual', 18, 17.5, false],
  ['greaterThanOrEqual', 18, '18', false],
  ['greaterThanOrEqual', 18, MISSING, false],
  ['lessThan', 18, 17, true],
  ['lessThan', 18, 18, false],
  ['lessThan', 18, null, false],
  ['lessThan', 18, MISSING, false],
  ['lessThanOrEqual', 18, 18, true],
  ['lessThanOrEqual', 18, 19, false],
  ['lessThanOrEqual', 18, false, false],
  ['lessThanOrEqual', 18, MISSING, false],
  ['between', [10, 20], 10, true],
  ['between', [10, 20], 20, true],
  ['between', [10, 20], 21, false],
  ['between', [10, 20], '15', false],
  ['between', [10, 20], MISSING, false],
  ['in', ['gold', 'silver'], 'silver', true],
  ['in', ['gold', 'silver'], 'bronze', false],
  ['in', [1, 2], '1', false],
  ['in', ['gold'], ['gold'], false],
  ['in', ['gold', 'silver'], MISSING, false],
  ['notIn', ['gold'], 'bronze', true],
  ['notIn', ['gold'], 'gold', false],
  ['notIn', [1], '1', true],
  ['notIn', ['gold'], MISSING, true],
  ['contains', 'ski', 'cross-country skiing', true],
  ['contains', 'ski', ['golf', 'ski'], true],
  ['contains', 'ski', 'golf', false],
  ['contains', 'ski', ['skiing'], false],
  ['contains', 3, [1, 2, 3], true],
  ['contains', 3, '123', false],
  ['contains', 'ski', 12, false],
  ['contains', 'ski', MISSING, false],
  ['startsWith', '+47', '+4791234567', true],
  ['startsWith', '+47', '0047912', false],
  ['startsWith', '+47', 4791234567, false],
  ['startsWith', '+47', MISSING, false],
  ['endsWith', '@example.com', 'kari@example.com', true],
  ['endsWith', '@example.com', 'kari@example.org', false],
  ['endsWith', '@example.com', ['kari@example.com'], false],
  ['endsWith', '@example.com', MISSING, false],
  ['matches', '^[A-Z]{2}-\\d+$', 'NO-123', true],
  ['matches', '^[A-Z]{2}-\\d+$', 'no-123', false],
  ['matches', '^\\d+$', 123, false],
  ['matches', '^[A-Z]{2}-\\d+$', MISSING, false],
  ['exists', undefined, 'x', true],
  ['exists', undefined, 0, true],
  ['exists', undefined, false, true],
  ['exists', undefined, null, false],
  ['exists', undefined, MISSING, false],
  ['notExists', undefined, MISSING, true],
  ['notExists', undefined, null, true],
  ['notExists', undefined, 0, false],
  ['notExists', undefined, '', false],
  ['isTrue', undefined, true, true],
  ['isTrue', undefined, false, false],
  ['isTrue', undefined, 'true', false],
  ['isTrue', undefined, MISSING, false],
  ['isFalse', undefined, false, true],
  ['isFalse', undefined, true, false],
  ['isFalse', undefined, 0, false],
  ['isFalse', undefined, MISSING, false],
  ['dateBefore', '2024-01-01', '2023-12-31T23:59:59Z', true],
  ['dateBefore', '2024-01-01', Date.UTC(2023, 11, 31), true],
  ['dateBefore', '2024-01-01', '2024-01-01T00:00:00Z', false],
  ['dateBefore', '2024-01-01', '2023-12-31T23:00:00', false],
  ['dateBefore', '2024-01-01', 'last year', false],
  ['dateBefore', '2024-01-01', MISSING, false],
  ['dateAfter', '2024-01-01T00:00:00+01:00', '2023-12-31T23:30:00Z', true],
  ['dateAfter', '2024-01-01', '2023-12-31', false],
  ['dateAfter', '2024-01-01', true, false],
  ['dateAfter', '2024-01-01', MISSING, false],
  ['withinLastDays', 7, iso(daysAgo(3)), true],
  ['withinLastDays', 7, NOW, true],
  ['withinLastDays', 7, daysAgo(7), false],
  ['withinLastDays', 7, iso(daysAgo(8)), false],
  ['withinLastDays', 7, iso(NOW + 1000), false],
  ['withinLastDays', 7, 'recently', false],
  ['withinLastDays', 7, MISSING, false],
  ['olderThanDays', 30, iso(daysAgo(31)), true],
  ['olderThanDays', 30, daysAgo(30), true],
  ['olderThanDays', 30, iso(daysAgo(29)), false],
  ['olderThanDays', 30, ['2020-01-01'], false],
  ['olderThanDays', 30, MISSING, false],
];

function conditionFor(
  operator: string,
  value: unknown,
): Record<string, unknown> {
  const condition: Record<string, unknown> = {
    attribute: 'profile.field',
    operator,
  };
  if (value !== undefined) condition['value'] = value;
  return condition;
}

describe('attribute operators', () => {
  it.each(rows)('%s %j on %p gives %p', (operator, value, actual, expected) => {
    const attributes =
      actual === MISSING ? { profile: {} } : { profile: { field: actual } };
    expect(
      evaluateAt(conditionFor(operator, value), profileOf(attributes)),
    ).toBe(expected);
  });

  it.each([
    ['the parent is missing', {}],
    ['the parent is a string', { profile: 'flat' }],
    ['the parent is null', { profile: null }],
  ])('treats the path as missing when %s', (_case, attributes) => {
    const profile = profileOf(attributes);
    expect(evaluateAt(conditionFor('equals', 'x'), profile)).toBe(false);
    expect(evaluateAt(conditionFor('exists', undefined), profile)).toBe(false);
    expect(evaluateAt(conditionFor('notExists', undefined), profile)).toBe(
      true,
    );
  });

  it.each([
    ['tier', { tier: 'gold' }],
    ['a.b.c', { a: { b: { c: 'gold' } } }],
    ['a.b.c.d.e', { a: { b: { c: { d: { e: 'gold' } } } } }],
    ['orders.0.status', { orders: [{ status: 'gold' }] }],
  ])('resolves the path %s', (attribute, attributes) => {
    const rule = { attribute, operator: 'equals', value: 'gold' };
    expect(evaluateAt(rule, profileOf(attributes))).toBe(true);
    expect(evaluateAt(rule, profileOf({}))).toBe(false);
  });

  it('reads Date objects as instants', () => {
    const rule = {
      attribute: 'signedUpAt',
      operator: 'dateAfter',
      value: '2024-01-01',
    };
    expect(
      evaluateAt(
        rule,
        profileOf({ signedUpAt: new Date(Date.UTC(2024, 0, 2)) }),
      ),
    ).toBe(true);
  });
});
