import { DAY_MS } from '../time/iso-date';
import { NOW, daysAgo, event, profileOf } from '../spec-helpers';
import type { Profile } from '../rule-types';
import { compileRule } from './compile-rule';

const HOUR_MS = 3_600_000;
const iso = (time: number) => new Date(time).toISOString();

function expectChangeAt(
  rule: unknown,
  profile: Profile,
  expected: number,
): void {
  const compiled = compileRule(rule);
  expect(compiled.nextChangeAt(profile, NOW)).toBe(expected);
  expect(compiled.evaluate(profile, expected - 1)).toBe(
    compiled.evaluate(profile, NOW),
  );
  expect(compiled.evaluate(profile, expected)).toBe(
    !compiled.evaluate(profile, NOW),
  );
}

describe('nextChangeAt', () => {
  const threePurchases = profileOf({}, [
    event('purchase', daysAgo(1)),
    event('purchase', daysAgo(3)),
    event('purchase', daysAgo(5)),
  ]);

  it('finds when an event leaving the window makes atLeast false', () => {
    expectChangeAt(
      { event: 'purchase', count: { atLeast: 2 }, withinLastDays: 7 },
      threePurchases,
      NOW + 4 * DAY_MS,
    );
    expectChangeAt(
      { event: 'purchase', withinLastDays: 7 },
      threePurchases,
      NOW + 6 * DAY_MS,
    );
  });

  it('finds when atMost becomes true as events age out', () => {
    expectChangeAt(
      { event: 'purchase', count: { atMost: 1 }, withinLastDays: 7 },
      threePurchases,
      NOW + 4 * DAY_MS,
    );
    expectChangeAt(
      { event: 'purchase', count: { atMost: 0 }, withinLastDays: 7 },
      threePurchases,
      NOW + 6 * DAY_MS,
    );
  });

  it('finds when exactly stops and starts holding', () => {
    expectChangeAt(
      { event: 'purchase', count: { exactly: 3 }, withinLastDays: 7 },
      threePurchases,
      NOW + 2 * DAY_MS,
    );
    expectChangeAt(
      { event: 'purchase', count: { exactly: 1 }, withinLastDays: 7 },
      threePurchases,
      NOW + 4 * DAY_MS,
    );
  });

  it('applies events that leave at the same instant together', () => {
    // Both leave at once, so the count goes 2 -> 0 and never passes through exactly 1.
    const sameTime = profileOf({}, [
      event('purchase', daysAgo(2)),
      event('purchase', daysAgo(2)),
    ]);
    const rule = compileRule({
      event: 'purchase',
      count: { exactly: 1 },
      withinLastDays: 7,
    });
    expect(rule.nextChangeAt(sameTime, NOW)).toBeNull();
  });

  it('counts a future-dated event from its time', () => {
    const future = profileOf({}, [event('purchase', NOW + HOUR_MS)]);
    expectChangeAt(
      { event: 'purchase', withinLastDays: 7 },
      future,
      NOW + HOUR_MS,
    );
    expectChangeAt(
      {
        event: 'purchase',
        between: { from: iso(daysAgo(1)), to: iso(NOW + DAY_MS) },
      },
      future,
      NOW + HOUR_MS,
    );
  });

  it('skips events the where filter rejects', () => {
    const profile = profileOf({}, [
      event('purchase', daysAgo(1), { amount: 5 }),
      event('purchase', daysAgo(3), { amount: 500 }),
    ]);
    const rule = {
      event: 'purchase',
      withinLastDays: 7,
      where: [{ attribute: 'amount', operator: 'greaterThan', value: 100 }],
    };
    expectChangeAt(rule, profile, NOW + 4 * DAY_MS);
  });

  it('gives null when time alone cannot change the result', () => {
    const neverChanges = [
      { event: 'purchase', count: { atLeast: 2 } },
      {
        event: 'purchase',
        count: { atLeast: 1 },
        between: { from: iso(daysAgo(30)), to: iso(NOW + 30 * DAY_MS) },
      },
      {
        event: 'purchase',
        count: { atLeast: 1 },
        withinLastDays: 7,
        where: [{ attribute: 'amount', operator: 'exists' }],
      },
      { attribute: 'signedUpAt', operator: 'dateBefore', value: '2030-01-01' },
      { attribute: 'signedUpAt', operator: 'olderThanDays', value: 1 },
      { attribute: 'missing', operator: 'withinLastDays', value: 1 },
      { attribute: 'city', operator: 'equals', value: 'Oslo' },
    ];
    const profile = profileOf(
      { signedUpAt: iso(daysAgo(400)), city: 'Oslo' },
      threePurchases.events as never,
    );
    for (const rule of neverChanges)
      expect(compileRule(rule).nextChangeAt(profile, NOW)).toBeNull();
  });

  it('finds when a date attribute enters and leaves withinLastDays', () => {
    const rule = {
      attribute: 'lastSeen',
      operator: 'withinLastDays',
      value: 7,
    };
    expectChangeAt(
      rule,
      profileOf({ lastSeen: iso(daysAgo(3)) }),
      NOW + 4 * DAY_MS,
    );
    expectChangeAt(
      rule,
      profileOf({ lastSeen: iso(NOW + HOUR_MS) }),
      NOW + HOUR_MS,
    );
  });

  it('finds when a date attribute becomes olderThanDays', () => {
    expectChangeAt(
      { attribute: 'signedUpAt', operator: 'olderThanDays', value: 30 },
      profileOf({ signedUpAt: daysAgo(10) }),
      NOW + 20 * DAY_MS,
    );
  });

  describe('in logic', () => {
    const recentBuyer = { event: 'purchase', withinLastDays: 7 };
    const inOslo = { attribute: 'city', operator: 'equals', value: 'Oslo' };
    const lapsing = profileOf({ city: 'Oslo' }, [
      event('purchase', daysAgo(2)),
    ]);
    const lapsingInBergen = profileOf({ city: 'Bergen' }, [
      event('purchase', daysAgo(2)),
    ]);

    it('passes through all when the other children hold', () => {
      expectChangeAt({ all: [inOslo, recentBuyer] }, lapsing, NOW + 5 * DAY_MS);
    });

    it('gives null for all when a child that never changes is false', () => {
      expect(
        compileRule({ all: [inOslo, recentBuyer] }).nextChangeAt(
          lapsingInBergen,
          NOW,
        ),
      ).toBeNull();
    });

    it('gives null for any when a child that never changes is true', () => {
      expect(
        compileRule({ any: [inOslo, recentBuyer] }).nextChangeAt(lapsing, NOW),
      ).toBeNull();
    });

    it('takes the earliest change among children and through not', () => {
      const rule = {
        not: {
          any: [
            { event: 'purchase', withinLastDays: 30 },
            { attribute: 'lastSeen', operator: 'withinLastDays', value: 7 },
          ],
        },
      };
      const profile = profileOf({ lastSeen: iso(daysAgo(1)) }, [
        event('purchase', daysAgo(2)),
      ]);
      expect(compileRule(rule).nextChangeAt(profile, NOW)).toBe(
        NOW + 6 * DAY_MS,
      );
    });
  });

  it('matches, or for logic precedes, the first change found by stepping through time', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const exactRules = [
      { event: 'e', count: { atLeast: 2 }, withinLastDays: 3 },
      { event: 'e', count: { atMost: 1 }, withinLastDays: 2 },
      { event: 'e', count: { exactly: 2 }, withinLastDays: 4 },
      { attribute: 'd', operator: 'withinLastDays', value: 2 },
    ].map((rule) => compileRule(rule));
    const logicRules = [
      {
        any: [
          { event: 'e', count: { atLeast: 3 }, withinLastDays: 5 },
          { attribute: 'd', operator: 'withinLastDays', value: 2 },
        ],
      },
      {
        all: [
          { not: { event: 'e', withinLastDays: 1 } },
          { attribute: 'd', operator: 'olderThanDays', value: 3 },
        ],
      },
    ].map((rule) => compileRule(rule));
    for (let trial = 0; trial < 200; trial += 1) {
      // Times on whole hours, so every possible change falls on the hourly grid stepped below.
      const hour = () => NOW + Math.round((random() * 10 - 6) * 24) * HOUR_MS;
      const events = Array.from({ length: Math.floor(random() * 6) }, () =>
        event('e', hour()),
      );
      const profile = profileOf({ d: hour() }, events);
      for (const rule of [...exactRules, ...logicRules]) {
        const initial = rule.evaluate(profile, NOW);
        let firstChange: number | null = null;
        for (
          let time = NOW + HOUR_MS;
          time <= NOW + 12 * DAY_MS;
          time += HOUR_MS
        ) {
          if (rule.evaluate(profile, time) !== initial) {
            firstChange = time;
            break;
          }
        }
        const predicted = rule.nextChangeAt(profile, NOW);
        if (exactRules.includes(rule)) {
          expect(predicted).toBe(firstChange);
        } else if (firstChange !== null) {
          expect(predicted).not.toBeNull();
          expect(predicted as number).toBeLessThanOrEqual(firstChange);
        }
      }
    }
  });
});
