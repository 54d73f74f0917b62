import type { EventExportPeriod } from '@activation/configuration';
import { addDays, instantOf, localTimeOf } from './zoned-time';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface RunSchedule {
  period: EventExportPeriod;
  /** `HH:mm`; daily and weekly runs only. */
  timeOfDay?: string;
  timeZone: string;
}

/**
 * When the run after one that started at `startedAt` is due.
 * - hourly: the next full hour of the zone's clock (zones half an hour off UTC included);
 * - daily with a time of day: the next time the zone's clock shows it after the run, so a run that
 *   started late (a retry past midnight, say) does not push the next one a day further;
 * - weekly with a time of day: that time on the calendar day nearest to seven days after the run
 *   (within 12 hours of that point), which keeps the weekday of a late run too;
 * - without a time of day: one day or one week after the run.
 * A time skipped by a daylight-saving change runs after the jump, a repeated one at its first pass.
 */
export function nextRunAfter(startedAt: number, schedule: RunSchedule): number {
  const local = localTimeOf(startedAt, schedule.timeZone);
  if (schedule.period === 'hourly') return startedAt - ((local.minute * 60 + local.second) * 1000 + local.millisecond) + HOUR;
  const days = schedule.period === 'daily' ? 1 : 7;
  if (!schedule.timeOfDay) return startedAt + days * DAY;
  const [hour, minute] = schedule.timeOfDay.split(':').map(Number);
  const at = (daysLater: number) => instantOf({ ...addDays(local, daysLater), hour, minute, second: 0, millisecond: 0 }, schedule.timeZone);
  const aheadOfRunMs = (hour * 60 + minute) * 60_000 - (((local.hour * 60 + local.minute) * 60 + local.second) * 1000 + local.millisecond);
  const daysLater = aheadOfRunMs > (schedule.period === 'daily' ? 0 : DAY / 2) ? days - 1 : days;
  const next = at(daysLater);
  // Never at or before the run itself: a daily run in the second pass of a repeated hour finds that day's time behind it.
  return next > startedAt ? next : at(daysLater + 1);
}

/** Midnight starting a `yyyy-mm-dd` date in the time zone. */
export function startOfDate(date: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return instantOf({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}
