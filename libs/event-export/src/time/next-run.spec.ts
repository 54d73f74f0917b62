import { nextRunAfter, startOfDate } from './next-run';
import { instantOf } from './zoned-time';

const at = (iso: string) => Date.parse(iso);
const iso = (instant: number) => new Date(instant).toISOString();

describe('nextRunAfter', () => {
  it('runs hourly at the next full hour', () => {
    expect(iso(nextRunAfter(at('2025-06-01T10:17:42Z'), { period: 'hourly', timeZone: 'UTC' }))).toBe('2025-06-01T11:00:00.000Z');
    expect(iso(nextRunAfter(at('2025-06-01T23:00:00Z'), { period: 'hourly', timeZone: 'UTC' }))).toBe('2025-06-02T00:00:00.000Z');
  });

  it('runs daily at the time of day in the time zone, the calendar day after the run', () => {
    const schedule = { period: 'daily' as const, timeOfDay: '02:30', timeZone: 'Europe/Berlin' };
    // 23:30 UTC on 1 June is already 2 June in Berlin: the next run is 3 June, 02:30 CEST (00:30 UTC).
    expect(iso(nextRunAfter(at('2025-06-01T23:30:00Z'), schedule))).toBe('2025-06-03T00:30:00.000Z');
    expect(iso(nextRunAfter(at('2025-01-10T12:00:00Z'), schedule))).toBe('2025-01-11T01:30:00.000Z');
  });

  it('keeps the wall-clock time across a daylight-saving change', () => {
    const schedule = { period: 'daily' as const, timeOfDay: '09:00', timeZone: 'America/New_York' };
    expect(iso(nextRunAfter(at('2025-03-08T14:00:00Z'), schedule))).toBe('2025-03-09T13:00:00.000Z');
    expect(iso(nextRunAfter(at('2025-11-01T13:00:00Z'), schedule))).toBe('2025-11-02T14:00:00.000Z');
  });

  it('runs weekly seven calendar days after the run, at the time of day', () => {
    expect(iso(nextRunAfter(at('2025-06-02T10:00:00Z'), { period: 'weekly', timeOfDay: '06:00', timeZone: 'UTC' }))).toBe('2025-06-09T06:00:00.000Z');
  });

  it('without a time of day follows the previous run by a day or a week', () => {
    expect(iso(nextRunAfter(at('2025-06-02T10:11:12Z'), { period: 'daily', timeZone: 'UTC' }))).toBe('2025-06-03T10:11:12.000Z');
    expect(iso(nextRunAfter(at('2025-06-02T10:11:12Z'), { period: 'weekly', timeZone: 'UTC' }))).toBe('2025-06-09T10:11:12.000Z');
  });
});

describe('instantOf', () => {
  it('takes a time skipped by clocks going forward after the jump', () => {
    // 02:30 does not exist in New York on 9 March 2025; 03:30 EDT is 07:30 UTC.
    expect(iso(instantOf({ year: 2025, month: 3, day: 9, hour: 2, minute: 30, second: 0, millisecond: 0 }, 'America/New_York'))).toBe('2025-03-09T07:30:00.000Z');
  });

  it('takes the first of a time repeated by clocks going back', () => {
    expect(iso(instantOf({ year: 2025, month: 10, day: 26, hour: 2, minute: 30, second: 0, millisecond: 0 }, 'Europe/Berlin'))).toBe('2025-10-26T00:30:00.000Z');
    expect(iso(instantOf({ year: 2025, month: 11, day: 2, hour: 1, minute: 30, second: 0, millisecond: 0 }, 'America/New_York'))).toBe('2025-11-02T05:30:00.000Z');
  });
});

describe('startOfDate', () => {
  it('is midnight of the date in the time zone', () => {
    expect(iso(startOfDate('2025-08-13', 'UTC'))).toBe('2025-08-13T00:00:00.000Z');
    expect(iso(startOfDate('2025-08-13', 'Asia/Kolkata'))).toBe('2025-08-12T18:30:00.000Z');
  });
});
