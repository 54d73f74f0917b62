import { expectValidationErrors, type ExpectedError } from '../spec-helpers';

const city = { attribute: 'city', operator: 'equals', value: 'Oslo' };
const condition = (operator: string, value?: unknown) =>
  value === undefined
    ? { attribute: 'field', operator }
    : { attribute: 'field', operator, value };

const cases: [name: string, rule: unknown, errors: ExpectedError[]][] = [
  [
    'an unknown operator deep in a list',
    {
      all: [city, city, { attribute: 'city', operator: 'like', value: 'Os%' }],
    },
    [
      [
        '$.all[2].operator',
        /unknown operator "like"; expected one of equals, notEquals/,
      ],
    ],
  ],
  [
    'a missing operator',
    { attribute: 'city', value: 'Oslo' },
    [['$.operator', /missing required field "operator"/]],
  ],
  [
    'a non-string attribute',
    { attribute: 5, operator: 'exists' },
    [['$.attribute', /must be a dot path string, got number/]],
  ],
  [
    'an empty path segment',
    { attribute: 'address..city', operator: 'exists' },
    [['$.attribute', /empty segment/]],
  ],
  [
    'a reserved path segment',
    { attribute: 'a.__proto__', operator: 'exists' },
    [['$.attribute', /reserved segment "__proto__"/]],
  ],
  [
    'an inherited member as path',
    { attribute: 'toString', operator: 'exists' },
    [['$.attribute', /reserved segment "toString"/]],
  ],
  [
    'an overlong path',
    { attribute: 'a'.repeat(257), operator: 'exists' },
    [['$.attribute', /at most 256 characters/]],
  ],
  [
    'an extra key',
    { ...city, caseSensitive: false },
    [['$.caseSensitive', /unknown key "caseSensitive" in attribute condition/]],
  ],
  [
    'a key that is not an identifier',
    { ...city, 'ignore-case': true },
    [['$["ignore-case"]', /unknown key "ignore-case"/]],
  ],
  [
    'a value on exists',
    condition('exists', true),
    [['$.value', /operator "exists" takes no value/]],
  ],
  [
    'a missing value',
    condition('equals'),
    [['$.value', /missing required field "value" for operator "equals"/]],
  ],
  [
    'an object for equals',
    condition('equals', {}),
    [['$.value', /must be a string, number or boolean, got object/]],
  ],
  [
    'null for notEquals',
    condition('notEquals', null),
    [['$.value', /got null/]],
  ],
  [
    'a string for greaterThan',
    condition('greaterThan', '5'),
    [['$.value', /must be a number, got string/]],
  ],
  [
    'a single number for between',
    condition('between', [5]),
    [['$.value', /array of two numbers/]],
  ],
  [
    'a string bound in between',
    condition('between', [5, 'x']),
    [['$.value[1]', /must be a number, got string/]],
  ],
  [
    'reversed between',
    condition('between', [9, 1]),
    [['$.value', /min 9 is greater than max 1/]],
  ],
  [
    'a string for in',
    condition('in', 'gold'),
    [['$.value', /must be an array/]],
  ],
  ['an empty in', condition('in', []), [['$.value', /at least one value/]]],
  [
    'bad members of notIn',
    condition('notIn', ['a', {}, null]),
    [
      ['$.value[1]', /got object/],
      ['$.value[2]', /got null/],
    ],
  ],
  [
    'an empty contains',
    condition('contains', ''),
    [['$.value', /must not be an empty string/]],
  ],
  [
    'a number for startsWith',
    condition('startsWith', 47),
    [['$.value', /must be a string, got number/]],
  ],
  [
    'an empty endsWith',
    condition('endsWith', ''),
    [['$.value', /must not be an empty string/]],
  ],
  [
    'a regex with nested quantifiers',
    condition('matches', '^(a+)+$'),
    [['$.value', /nested quantifiers/]],
  ],
  [
    'a regex with a backreference',
    condition('matches', '(a)\\1'),
    [['$.value', /backreferences/]],
  ],
  [
    'an invalid regex',
    condition('matches', '[a-'),
    [['$.value', /invalid regular expression/]],
  ],
  [
    'an overlong regex',
    condition('matches', 'a'.repeat(300)),
    [['$.value', /longer than 256/]],
  ],
  [
    'an impossible date',
    condition('dateBefore', '2024-02-30'),
    [['$.value', /"2024-02-30" is not a valid ISO 8601 date/]],
  ],
  [
    'a date without zone',
    condition('dateAfter', '2024-02-01T10:00:00'),
    [['$.value', /not a valid ISO 8601 date/]],
  ],
  [
    'a number as date',
    condition('dateAfter', 1_700_000_000_000),
    [['$.value', /must be an ISO 8601 date string, got number/]],
  ],
  [
    'zero days',
    condition('withinLastDays', 0),
    [['$.value', /positive number of days, got 0/]],
  ],
  [
    'too many days',
    condition('olderThanDays', 40_000),
    [['$.value', /at most 36500 days/]],
  ],
];

describe('validateRule on attribute conditions', () => {
  it.each(cases)('reports %s', (_name, rule, expected) => {
    expectValidationErrors(rule, expected);
  });
});
