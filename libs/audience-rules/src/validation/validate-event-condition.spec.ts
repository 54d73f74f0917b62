import { expectValidationErrors, type ExpectedError } from '../spec-helpers';

const city = { attribute: 'city', operator: 'equals', value: 'Oslo' };
const purchase = (extra: Record<string, unknown>) => ({
  event: 'purchase',
  ...extra,
});

const cases: [name: string, rule: unknown, errors: ExpectedError[]][] = [
  ['an empty event name', { event: '' }, [['$.event', /non-empty event name/]]],
  [
    'an unknown key',
    purchase({ within: 7 }),
    [['$.within', /unknown key "within" in event condition/]],
  ],
  [
    'where that is not an array',
    purchase({ where: city }),
    [['$.where', /must be an array of conditions/]],
  ],
  [
    'an event inside where',
    purchase({ where: [{ event: 'refund' }] }),
    [['$.where[0]', /cannot be nested inside "where"/]],
  ],
  [
    'a relative date inside where',
    purchase({
      where: [{ attribute: 'at', operator: 'withinLastDays', value: 3 }],
    }),
    [['$.where[0].operator', /not allowed on event properties/]],
  ],
  [
    'a bad condition inside where logic',
    purchase({
      where: [{ not: { attribute: 'amount', operator: 'gt', value: 3 } }],
    }),
    [['$.where[0].not.operator', /unknown operator "gt"/]],
  ],
  [
    'an empty count',
    purchase({ count: {} }),
    [['$.count', /must set atLeast, atMost or exactly/]],
  ],
  [
    'a count that is a number',
    purchase({ count: 3 }),
    [['$.count', /must be an object/]],
  ],
  [
    'a negative atLeast',
    purchase({ count: { atLeast: -1 } }),
    [['$.count.atLeast', /non-negative integer, got -1/]],
  ],
  [
    'a fractional atMost',
    purchase({ count: { atMost: 1.5 } }),
    [['$.count.atMost', /non-negative integer, got 1.5/]],
  ],
  [
    'exactly with atMost',
    purchase({ count: { exactly: 1, atMost: 2 } }),
    [['$.count', /cannot be combined/]],
  ],
  [
    'atLeast above atMost',
    purchase({ count: { atLeast: 5, atMost: 2 } }),
    [['$.count', /atLeast 5 is greater than atMost 2/]],
  ],
  [
    'an unknown count key',
    purchase({ count: { most: 1 } }),
    [
      ['$.count.most', /unknown key "most" in count/],
      ['$.count', /must set atLeast, atMost or exactly/],
    ],
  ],
  [
    'a negative window',
    purchase({ withinLastDays: -7 }),
    [['$.withinLastDays', /positive number of days, got -7/]],
  ],
  [
    'a broken between',
    purchase({ between: { from: 'yesterday', till: '2024-01-01' } }),
    [
      ['$.between.till', /unknown key "till" in between/],
      ['$.between.from', /"yesterday" is not a valid ISO 8601 date/],
      ['$.between.to', /missing required field "to"/],
    ],
  ],
  [
    'a reversed between',
    purchase({ between: { from: '2024-02-01', to: '2024-01-01' } }),
    [['$.between', /"from" must be before "to"/]],
  ],
  [
    'both windows',
    purchase({
      withinLastDays: 7,
      between: { from: '2024-01-01', to: '2024-02-01' },
    }),
    [['$', /either withinLastDays or between/]],
  ],
];

describe('validateRule on event conditions', () => {
  it.each(cases)('reports %s', (_name, rule, expected) => {
    expectValidationErrors(rule, expected);
  });
});
