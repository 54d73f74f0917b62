import { nextRunAfter, startOfDate, type RunSchedule } from './next-run';
import { instantOf } from './zoned-time';

const at = (iso: string) => Date.parse(iso);
const iso = (instant: number) => new Date(instant).toISOString();

describe('nextRunAfter', () => {
  const next = (startedAt: string, schedule: RunSchedule) => iso(nextRunAfter(at(startedAt), schedule));

  it('runs hourly at the next full hour of the zone clock', () => {
    expect(next('2025-06-01T10:17:42Z', { period: 'hourly', timeZone: 'UTC' })).toBe('2025-06-01T11:00:00.000Z');
    expect(next('2025-06-01T23:00:00Z', { period: 'hourly', timeZone: 'UTC' })).toBe('2025-06-02T00:00:00.000Z');
    // Kolkata is UTC+05:30: its full hours are half past in UTC.
    expect(next('2025-06-01T10:17:00Z', { period: 'hourly', timeZone: 'Asia/Kolkata' })).toBe('2025-06-01T10:30:00.000Z');
  });

  it('runs hourly without a gap or a double run when Chicago clocks change', () => {
    const hourly = { period: 'hourly' as const, timeZone: 'America/Chicago' };
    expect(next('2025-03-09T07:40:00Z', hourly)).toBe('2025-03-09T08:00:00.000Z'); // 01:40 CST → 03:00 CDT
    expect(next('2025-11-02T06:10:00Z', hourly)).toBe('2025-11-02T07:00:00.000Z'); // 01:10 CDT → 01:00 CST
    expect(next('2025-11-02T07:10:00Z', hourly)).toBe('2025-11-02T08:00:00.000Z'); // 01:10 CST → 02:00 CST
  });

  it('runs daily at the next time of day in the time zone', () => {
    const schedule = { period: 'daily' as const, timeOfDay: '02:30', timeZone: 'Europe/Berlin' };
    // 23:30 UTC on 1 June is already 01:30 on 2 June in Berlin: the next run is 2 June, 02:30 CEST (00:30 UTC).
    expect(next('2025-06-01T23:30:00Z', schedule)).toBe('2025-06-02T00:30:00.000Z');
    expect(next('2025-06-02T00:30:00Z', schedule)).toBe('2025-06-03T00:30:00.000Z');
    expect(next('2025-01-10T12:00:00Z', schedule)).toBe('2025-01-11T01:30:00.000Z');
  });

  it('keeps the wall-clock time across a daylight-saving change', () => {
    const newYork = { period: 'daily' as const, timeOfDay: '09:00', timeZone: 'America/New_York' };
    expect(next('2025-03-08T14:00:00Z', newYork)).toBe('2025-03-09T13:00:00.000Z');
    expect(next('2025-11-01T13:00:00Z', newYork)).toBe('2025-11-02T14:00:00.000Z');
    const chicago = { period: 'daily' as const, timeOfDay: '09:00', timeZone: 'America/Chicago' };
    expect(next('2025-03-08T15:00:00Z', chicago)).toBe('2025-03-09T14:00:00.000Z'); // 09:00 CST → 09:00 CDT, 23 h later
    expect(next('2025-11-01T14:00:00Z', chicago)).toBe('2025-11-02T15:00:00.000Z'); // 09:00 CDT → 09:00 CST, 25 h later
  });

  it('runs a time of day skipped by clocks going forward after the jump, then at the time of day again', () => {
    const chicago = { period: 'daily' as const, timeOfDay: '02:30', timeZone: 'America/Chicago' };
    expect(next('2025-03-08T08:30:00Z', chicago)).toBe('2025-03-09T08:30:00.000Z'); // 02:30 does not exist: 03:30 CDT
    expect(next('2025-03-09T08:30:00Z', chicago)).toBe('2025-03-10T07:30:00.000Z'); // 02:30 CDT
    const berlin = { period: 'daily' as const, timeOfDay: '02:30', timeZone: 'Europe/Berlin' };
    expect(next('2025-03-29T01:30:00Z', berlin)).toBe('2025-03-30T01:30:00.000Z'); // 03:30 CEST
    expect(next('2025-03-30T01:30:00Z', berlin)).toBe('2025-03-31T00:30:00.000Z'); // 02:30 CEST
  });

  it('runs a time of day repeated by clocks going back once, at its first pass', () => {
    const chicago = { period: 'daily' as const, timeOfDay: '01:30', timeZone: 'America/Chicago' };
    expect(next('2025-11-01T06:30:00Z', chicago)).toBe('2025-11-02T06:30:00.000Z'); // 01:30 CDT
    expect(next('2025-11-02T06:30:00Z', chicago)).toBe('2025-11-03T07:30:00.000Z'); // not 01:30 CST the same night
    expect(next('2025-11-02T07:15:00Z', chicago)).toBe('2025-11-03T07:30:00.000Z'); // a retry in the repeated hour
    const berlin = { period: 'daily' as const, timeOfDay: '02:30', timeZone: 'Europe/Berlin' };
    expect(next('2025-10-25T00:30:00Z', berlin)).toBe('2025-10-26T00:30:00.000Z'); // 02:30 CEST
    expect(next('2025-10-26T00:30:00Z', berlin)).toBe('2025-10-27T01:30:00.000Z'); // 02:30 CET
  });

  it('follows a run before the time of day (an export saved early) by that time the same day, or the nearest weekday a week on', () => {
    expect(next('2025-06-02T01:00:00Z', { period: 'daily', timeOfDay: '18:00', timeZone: 'UTC' })).toBe('2025-06-02T18:00:00.000Z');
    expect(next('2025-06-02T07:00:00Z', { period: 'daily', timeOfDay: '18:00', timeZone: 'UTC' })).toBe('2025-06-02T18:00:00.000Z');
    // Weekly: the day nearest to a week later; 18:00 on Monday 9 June is 17 h past that point, Sunday 8 June 7 h before it.
    expect(next('2025-06-02T01:00:00Z', { period: 'weekly', timeOfDay: '18:00', timeZone: 'UTC' })).toBe('2025-06-08T18:00:00.000Z');
    expect(next('2025-06-02T07:00:00Z', { period: 'weekly', timeOfDay: '18:00', timeZone: 'UTC' })).toBe('2025-06-09T18:00:00.000Z');
  });

  it('keeps the day of a run that started late, past midnight', () => {
    // Due at 23:50 on 11 January in Berlin, retried at 00:05 on the 12th: the next run is still on the 12th.
    expect(next('2025-01-11T23:05:00Z', { period: 'daily', timeOfDay: '23:50', timeZone: 'Europe/Berlin' })).toBe('2025-01-12T22:50:00.000Z');
    // Due Sunday 23 March 23:30 CET, retried Monday 00:10: the next run is Sunday 30 March 23:30 CEST.
    expect(next('2025-03-23T23:10:00Z', { period: 'weekly', timeOfDay: '23:30', timeZone: 'Europe/Berlin' })).toBe('2025-03-30T21:30:00.000Z');
  });

  it('runs weekly on the weekday of the run, at the time of day', () => {
    // Monday 2 June 2025.
    expect(next('2025-06-02T10:00:00Z', { period: 'weekly', timeOfDay: '06:00', timeZone: 'UTC' })).toBe('2025-06-09T06:00:00.000Z');
    expect(next('2025-06-02T10:00:00Z', { period: 'weekly', timeOfDay: '18:00', timeZone: 'UTC' })).toBe('2025-06-09T18:00:00.000Z');
    const chicago = { period: 'weekly' as const, timeOfDay: '06:00', timeZone: 'America/Chicago' };
    expect(next('2025-03-03T12:00:00Z', chicago)).toBe('2025-03-10T11:00:00.000Z'); // Monday 06:00 CST → Monday 06:00 CDT
    expect(next('2025-10-27T11:00:00Z', chicago)).toBe('2025-11-03T12:00:00.000Z'); // Monday 06:00 CDT → Monday 06:00 CST
  });

  it('without a time of day follows the previous run by a day or a week', () => {
    expect(next('2025-06-02T10:11:12Z', { period: 'daily', timeZone: 'UTC' })).toBe('2025-06-03T10:11:12.000Z');
    expect(next('2025-06-02T10:11:12Z', { period: 'weekly', timeZone: 'UTC' })).toBe('2025-06-09T10:11:12.000Z');
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
