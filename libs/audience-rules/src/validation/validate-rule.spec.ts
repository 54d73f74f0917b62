import { compileRule } from '../compile/compile-rule';
import { RULE_LIMITS } from '../rule-limits';
import { expectValidationErrors, type ExpectedError } from '../spec-helpers';
import { validateRule } from './validate-rule';
import { InvalidRuleError } from './validation-result';

const city = { attribute: 'city', operator: 'equals', value: 'Oslo' };

const cases: [name: string, rule: unknown, errors: ExpectedError[]][] = [
  ['a number as rule', 5, [['$', /must be a rule object, got number/]]],
  ['null as rule', null, [['$', /got null/]]],
  ['an array as rule', [city], [['$', /got array/]]],
  [
    'an object that is no rule',
    { field: 'x' },
    [
      [
        '$',
        /unknown rule: expected one of the keys all, any, not, attribute, event/,
      ],
    ],
  ],
  [
    'a condition without attribute',
    { operator: 'exists' },
    [['$.attribute', /missing required field "attribute"/]],
  ],
  [
    'an event condition without event',
    { count: { atLeast: 1 }, withinLastDays: 7 },
    [['$.event', /missing required field "event"/]],
  ],
  [
    'two kinds at once',
    { all: [city], attribute: 'x' },
    [['$', /ambiguous rule: keys "all" and "attribute"/]],
  ],
  [
    'all that is not an array',
    { all: city },
    [['$.all', /must be an array of rules, got object/]],
  ],
  ['an empty any', { any: [] }, [['$.any', /at least one rule/]]],
  [
    'a key next to not',
    { not: city, because: 'x' },
    [['$.because', /unknown key "because" next to "not"/]],
  ],
  [
    'a non-rule inside not',
    { not: 'city' },
    [['$.not', /must be a rule object, got string/]],
  ],
];

describe('validateRule', () => {
  it.each(cases)('reports %s', (_name, rule, expected) => {
    expectValidationErrors(rule, expected);
  });

  it('reports every error in one pass, in document order', () => {
    const rule = {
      all: [
        { attribute: 'age', operator: 'greaterThan', value: 'old' },
        {
          any: [
            city,
            { attribute: 'tier', operator: 'oneOf', value: ['gold'] },
          ],
        },
        { event: 'purchase', count: { atLeast: 'two' }, withinLastDays: 0 },
      ],
    };
    expect(validateRule(rule).errors.map((error) => error.path)).toEqual([
      '$.all[0].value',
      '$.all[1].any[1].operator',
      '$.all[2].count.atLeast',
      '$.all[2].withinLastDays',
    ]);
  });

  it('reports the first node past the depth limit', () => {
    let rule: unknown = city;
    for (let level = 0; level < RULE_LIMITS.maxDepth; level += 1)
      rule = { not: rule };
    expectValidationErrors(rule, [
      [`$${'.not'.repeat(RULE_LIMITS.maxDepth)}`, /maximum depth of 32/],
    ]);
  });

  it('counts where rules towards the depth limit', () => {
    let where: unknown = city;
    // The event is depth 1 and each where entry depth 2, so this puts `city` at depth 33.
    for (let level = 0; level < RULE_LIMITS.maxDepth - 1; level += 1)
      where = { not: where };
    expect(
      validateRule({ event: 'purchase', where: [where] }).errors,
    ).toHaveLength(1);
    expect(
      validateRule({
        event: 'purchase',
        where: [(where as { not: unknown }).not],
      }).valid,
    ).toBe(true);
  });

  it('accepts a rule using every construct', () => {
    const rule = {
      all: [
        city,
        { not: { attribute: 'tags', operator: 'contains', value: 'churned' } },
        {
          any: [
            { attribute: 'age', operator: 'between', value: [18, 30] },
            { attribute: 'vip', operator: 'isTrue' },
          ],
        },
        {
          event: 'purchase',
          count: { atLeast: 2, atMost: 5 },
          withinLastDays: 30,
          where: [{ attribute: 'amount', operator: 'greaterThan', value: 100 }],
        },
        {
          event: 'refund',
          count: { exactly: 0 },
          between: { from: '2024-01-01', to: '2024-02-01T00:00:00+01:00' },
        },
      ],
    };
    expect(validateRule(rule)).toEqual({ valid: true, errors: [] });
  });

  it('makes compileRule throw with every error', () => {
    const rule = {
      any: [
        { attribute: 'field', operator: 'lessThan', value: 'x' },
        { attribute: 'field', operator: 'matches', value: '(.*)*' },
      ],
    };
    expect(() => compileRule(rule)).toThrow(InvalidRuleError);
    try {
      compileRule(rule);
    } catch (error) {
      expect(
        (error as InvalidRuleError).errors.map((item) => item.path),
      ).toEqual(['$.any[0].value', '$.any[1].value']);
      expect((error as Error).message).toContain(
        '$.any[1].value: nested quantifiers',
      );
    }
  });
});
