import { DAY_MS } from '../time/iso-date';
import { NOW, daysAgo, evaluateAt, event, profileOf } from '../spec-helpers';

const purchases = [
  event('purchase', daysAgo(1), {
    amount: 120,
    currency: 'NOK',
    items: ['shoe'],
  }),
  event('purchase', daysAgo(3), {
    amount: 40,
    currency: 'NOK',
    items: ['sock'],
  }),
  event('purchase', daysAgo(10), {
    amount: 900,
    currency: 'EUR',
    items: ['coat'],
  }),
  event('page_view', daysAgo(2), { url: '/checkout' }),
];
const shopper = profileOf({ city: 'Oslo' }, purchases);

describe('event conditions', () => {
  it.each([
    ['default count is at least one', { event: 'purchase' }, true],
    ['unknown event never happened', { event: 'refund' }, false],
    [
      'atLeast met in window',
      { event: 'purchase', count: { atLeast: 2 }, withinLastDays: 7 },
      true,
    ],
    [
      'atLeast not met in window',
      { event: 'purchase', count: { atLeast: 3 }, withinLastDays: 7 },
      false,
    ],
    [
      'atLeast met over all time',
      { event: 'purchase', count: { atLeast: 3 } },
      true,
    ],
    [
      'atMost met',
      { event: 'purchase', count: { atMost: 2 }, withinLastDays: 7 },
      true,
    ],
    [
      'atMost exceeded',
      { event: 'purchase', count: { atMost: 1 }, withinLastDays: 7 },
      false,
    ],
    [
      'exactly met',
      { event: 'purchase', count: { exactly: 2 }, withinLastDays: 7 },
      true,
    ],
    [
      'exactly missed',
      { event: 'purchase', count: { exactly: 3 }, withinLastDays: 7 },
      false,
    ],
    [
      'range met',
      { event: 'purchase', count: { atLeast: 2, atMost: 3 } },
      true,
    ],
    [
      'range missed',
      { event: 'purchase', count: { atLeast: 1, atMost: 2 } },
      false,
    ],
    [
      'did not do: true',
      { event: 'refund', count: { atMost: 0 }, withinLastDays: 30 },
      true,
    ],
    [
      'did not do: false',
      { event: 'purchase', count: { atMost: 0 }, withinLastDays: 2 },
      false,
    ],
    [
      'did not do in a window that excludes the events',
      { event: 'purchase', count: { atMost: 0 }, withinLastDays: 0.5 },
      true,
    ],
    [
      'between counts only events inside the dates',
      {
        event: 'purchase',
        count: { exactly: 2 },
        between: {
          from: new Date(daysAgo(5)).toISOString(),
          to: new Date(NOW).toISOString(),
        },
      },
      true,
    ],
    [
      'between excludes its end',
      {
        event: 'purchase',
        count: { atLeast: 1 },
        between: {
          from: new Date(daysAgo(20)).toISOString(),
          to: new Date(daysAgo(10)).toISOString(),
        },
      },
      false,
    ],
    [
      'between includes its start',
      {
        event: 'purchase',
        count: { atLeast: 1 },
        between: {
          from: new Date(daysAgo(10)).toISOString(),
          to: new Date(daysAgo(9)).toISOString(),
        },
      },
      true,
    ],
    [
      'where filters on properties',
      {
        event: 'purchase',
        where: [{ attribute: 'currency', operator: 'equals', value: 'EUR' }],
      },
      true,
    ],
    [
      'where conditions are all required',
      {
        event: 'purchase',
        where: [
          { attribute: 'currency', operator: 'equals', value: 'EUR' },
          { attribute: 'amount', operator: 'lessThan', value: 100 },
        ],
      },
      false,
    ],
    [
      'where with logic counts matching events only',
      {
        event: 'purchase',
        count: { exactly: 2 },
        where: [
          {
            any: [
              { attribute: 'amount', operator: 'greaterThan', value: 500 },
              { attribute: 'items', operator: 'contains', value: 'shoe' },
            ],
          },
        ],
      },
      true,
    ],
    [
      'where and window together',
      {
        event: 'purchase',
        withinLastDays: 7,
        where: [{ attribute: 'currency', operator: 'equals', value: 'EUR' }],
      },
      false,
    ],
    [
      'empty where filters nothing',
      { event: 'purchase', where: [], count: { exactly: 3 } },
      true,
    ],
  ])('%s', (_name, rule, expected) => {
    expect(evaluateAt(rule, shopper)).toBe(expected);
  });

  it('counts an event exactly at the window edge as outside it', () => {
    const rule = { event: 'login', withinLastDays: 7 };
    expect(
      evaluateAt(rule, profileOf({}, [event('login', NOW - 7 * DAY_MS)])),
    ).toBe(false);
    expect(
      evaluateAt(rule, profileOf({}, [event('login', NOW - 7 * DAY_MS + 1)])),
    ).toBe(true);
    expect(evaluateAt(rule, profileOf({}, [event('login', NOW)]))).toBe(true);
  });

  it('ignores events that have not happened yet at the evaluation time', () => {
    const profile = profileOf({}, [event('login', NOW + 1)]);
    expect(evaluateAt({ event: 'login' }, profile)).toBe(false);
    expect(evaluateAt({ event: 'login' }, profile, NOW + 1)).toBe(true);
  });

  it('treats a profile without events as having none', () => {
    expect(
      evaluateAt({ event: 'login', count: { atMost: 0 } }, profileOf({})),
    ).toBe(true);
    expect(evaluateAt({ event: 'login' }, profileOf({}))).toBe(false);
  });

  it('treats an event without properties as having none', () => {
    const profile = profileOf({}, [event('login', daysAgo(1))]);
    expect(
      evaluateAt(
        {
          event: 'login',
          where: [{ attribute: 'device', operator: 'notExists' }],
        },
        profile,
      ),
    ).toBe(true);
    expect(
      evaluateAt(
        {
          event: 'login',
          where: [{ attribute: 'device', operator: 'exists' }],
        },
        profile,
      ),
    ).toBe(false);
  });

  it('combines behaviour with attributes', () => {
    const lapsedOsloBuyer = {
      all: [
        { attribute: 'city', operator: 'equals', value: 'Oslo' },
        { event: 'purchase', count: { atLeast: 1 } },
        { event: 'purchase', count: { atMost: 0 }, withinLastDays: 1.5 },
      ],
    };
    expect(evaluateAt(lapsedOsloBuyer, shopper)).toBe(false);
    expect(evaluateAt(lapsedOsloBuyer, shopper, NOW + DAY_MS)).toBe(true);
  });
});
