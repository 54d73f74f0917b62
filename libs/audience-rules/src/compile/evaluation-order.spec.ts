import { NOW, daysAgo, event, profileOf } from '../spec-helpers';
import type { EventRecord } from '../rule-types';
import { compileRule } from './compile-rule';

/** Events whose scans are counted, to see whether an event condition ran at all. */
function countingEvents(events: EventRecord[]): {
  events: EventRecord[];
  scans: () => number;
} {
  let scans = 0;
  const proxy = new Proxy(events, {
    get(target, key, receiver) {
      if (key === 'length') scans += 1;
      return Reflect.get(target, key, receiver);
    },
  });
  return { events: proxy, scans: () => scans };
}

describe('evaluation order', () => {
  const bought = { event: 'purchase', withinLastDays: 30 };
  const inOslo = { attribute: 'city', operator: 'equals', value: 'Oslo' };

  it.each([
    ['all', { all: [bought, inOslo] }, { city: 'Bergen' }, false],
    ['any', { any: [bought, inOslo] }, { city: 'Oslo' }, true],
    [
      'nested all',
      { all: [{ all: [bought, { not: { not: bought } }] }, { all: [inOslo] }] },
      { city: 'Bergen' },
      false,
    ],
  ])(
    'lets a cheap attribute check in %s decide before events are scanned',
    (_kind, rule, attributes, expected) => {
      const { events, scans } = countingEvents([event('purchase', daysAgo(1))]);
      expect(
        compileRule(rule).evaluate(profileOf(attributes, events), NOW),
      ).toBe(expected);
      expect(scans()).toBe(0);
    },
  );

  it('still scans events when the attribute check does not decide', () => {
    const { events, scans } = countingEvents([event('purchase', daysAgo(1))]);
    expect(
      compileRule({ all: [bought, inOslo] }).evaluate(
        profileOf({ city: 'Oslo' }, events),
        NOW,
      ),
    ).toBe(true);
    expect(scans()).toBeGreaterThan(0);
  });

  it('keeps results of flattened lists and double negation', () => {
    const rule = compileRule({
      any: [
        {
          any: [
            { not: { not: inOslo } },
            { all: [{ all: [bought] }, { not: inOslo }] },
          ],
        },
      ],
    });
    expect(rule.evaluate(profileOf({ city: 'Oslo' }), NOW)).toBe(true);
    expect(
      rule.evaluate(
        profileOf({ city: 'Bergen' }, [event('purchase', daysAgo(1))]),
        NOW,
      ),
    ).toBe(true);
    expect(
      rule.evaluate(
        profileOf({ city: 'Bergen' }, [event('purchase', daysAgo(31))]),
        NOW,
      ),
    ).toBe(false);
  });
});
