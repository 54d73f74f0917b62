/** Wall-clock fields of an instant in a time zone (month 1–12). */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function localTimeOf(instant: number, timeZone: string): LocalTime {
  const parts = Object.fromEntries(formatterOf(timeZone).formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return {
    year: Number(parts['year']), month: Number(parts['month']), day: Number(parts['day']),
    hour: Number(parts['hour']), minute: Number(parts['minute']), second: Number(parts['second']),
    millisecond: ((instant % 1000) + 1000) % 1000,
  };
}

function asUtc(local: LocalTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, local.millisecond);
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  return asUtc(localTimeOf(instant, timeZone)) - instant;
}

/**
 * The instant a wall-clock time happens in a zone. A time repeated when clocks go back is its
 * first occurrence; a time skipped when they go forward is taken after the jump (later, never earlier).
 */
export function instantOf(local: LocalTime, timeZone: string): number {
  const wall = asUtc(local);
  // The offsets in force around that time: a transition within a day either way is one of them.
  const offsets = [...new Set([-DAY, 0, DAY].map((shift) => offsetAt(wall + shift, timeZone)))];
  const exact = offsets.map((offset) => wall - offset).filter((instant) => asUtc(localTimeOf(instant, timeZone)) === wall);
  return exact.length > 0 ? Math.min(...exact) : wall - Math.min(...offsets);
}

/** The same wall-clock fields `days` calendar days later (month and year roll over). */
export function addDays(local: LocalTime, days: number): LocalTime {
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return { ...local, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}
