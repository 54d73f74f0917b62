import { DAY_MS } from '../time/iso-date';
import { NOW } from '../spec-helpers';
import { compileRule } from './compile-rule';

describe('reads', () => {
  it('lists attribute paths and event names once each, sorted, without event property paths', () => {
    const rule = {
      all: [
        { attribute: 'address.city', operator: 'equals', value: 'Oslo' },
        {
          any: [
            { attribute: 'age', operator: 'greaterThan', value: 18 },
            { not: { attribute: 'address.city', operator: 'exists' } },
          ],
        },
        {
          event: 'purchase',
          withinLastDays: 30,
          where: [{ attribute: 'amount', operator: 'greaterThan', value: 100 }],
        },
        { not: { event: 'refund', withinLastDays: 90 } },
        { event: 'purchase', count: { atLeast: 3 }, withinLastDays: 7 },
      ],
    };
    expect(compileRule(rule).reads).toEqual({
      attributePaths: ['address.city', 'age'],
      eventNames: ['purchase', 'refund'],
      maxWindowDays: 90,
      earliestBetweenFrom: null,
      readsWholeEventHistory: false,
    });
  });

  it('reports absolute windows and unbounded history', () => {
    const rule = {
      any: [
        { event: 'signup' },
        {
          event: 'purchase',
          between: { from: '2024-01-01', to: '2024-02-01' },
        },
        {
          event: 'purchase',
          between: { from: '2023-06-01', to: '2023-07-01' },
        },
      ],
    };
    const { reads } = compileRule(rule);
    expect(reads.attributePaths).toEqual([]);
    expect(reads.maxWindowDays).toBeNull();
    expect(reads.earliestBetweenFrom).toBe(Date.UTC(2023, 5, 1));
    expect(reads.readsWholeEventHistory).toBe(true);
  });
});

describe('eventHistoryStart', () => {
  it('is null for attribute-only rules', () => {
    expect(
      compileRule({ attribute: 'age', operator: 'exists' }).eventHistoryStart(
        NOW,
      ),
    ).toBeNull();
  });

  it('reaches back over the widest relative window', () => {
    const rule = {
      any: [
        { event: 'a', withinLastDays: 7 },
        { event: 'b', withinLastDays: 30 },
      ],
    };
    expect(compileRule(rule).eventHistoryStart(NOW)).toBe(NOW - 30 * DAY_MS);
  });

  it('reaches back to an absolute window when it is older', () => {
    const rule = {
      any: [
        { event: 'a', withinLastDays: 7 },
        { event: 'b', between: { from: '2020-01-01', to: '2020-02-01' } },
      ],
    };
    expect(compileRule(rule).eventHistoryStart(NOW)).toBe(Date.UTC(2020, 0, 1));
  });

  it('is -Infinity when an event condition has no window', () => {
    expect(compileRule({ event: 'signup' }).eventHistoryStart(NOW)).toBe(
      -Infinity,
    );
  });
});
