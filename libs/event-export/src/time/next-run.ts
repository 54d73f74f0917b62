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
 * When the run after one that started at `startedAt` is due: hourly at the next full hour; daily
 * and weekly at `timeOfDay` in the time zone one or seven calendar days after the day of the run,
 * or without a time of day one day or week after the run.
 */
export function nextRunAfter(startedAt: number, schedule: RunSchedule): number {
  if (schedule.period === 'hourly') return Math.floor(startedAt / HOUR) * HOUR + HOUR;
  const days = schedule.period === 'daily' ? 1 : 7;
  if (!schedule.timeOfDay) return startedAt + days * DAY;
  const [hour, minute] = schedule.timeOfDay.split(':').map(Number);
  const day = addDays(localTimeOf(startedAt, schedule.timeZone), days);
  return instantOf({ ...day, hour, minute, second: 0, millisecond: 0 }, schedule.timeZone);
}

/** Midnight starting a `yyyy-mm-dd` date in the time zone. */
export function startOfDate(date: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return instantOf({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}
