export const DAY_MS = 86_400_000;

const MINUTE_MS = 60_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const CHAR_0 = 48;
const CHAR_DASH = 45;
const CHAR_PLUS = 43;
const CHAR_COLON = 58;
const CHAR_DOT = 46;
const CHAR_T = 84;
const CHAR_Z = 90;
// Out of range for every field, so one comparison rejects a non-digit too.
const NOT_DIGITS = 1_000_000;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

/** Two decimal digits at `index`, or NOT_DIGITS. */
function twoDigits(text: string, index: number): number {
  const tens = text.charCodeAt(index) - CHAR_0;
  const ones = text.charCodeAt(index + 1) - CHAR_0;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9
    ? tens * 10 + ones
    : NOT_DIGITS;
}

function isDigitAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= CHAR_0 && code <= CHAR_0 + 9;
}

/** Days from 1970-01-01 to a proleptic Gregorian date; plain arithmetic, valid for every year. */
function daysFromCivil(year: number, month: number, day: number): number {
  const marchBasedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchBasedYear / 400);
  const yearOfEra = marchBasedYear - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 +
    Math.floor(yearOfEra / 4) -
    Math.floor(yearOfEra / 100) +
    dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Parses `Z` or `±HH:MM` ending the text at `index` into minutes east of UTC, or NOT_DIGITS. */
function zoneOffsetMinutes(text: string, index: number): number {
  const sign = text.charCodeAt(index);
  if (sign === CHAR_Z) return index + 1 === text.length ? 0 : NOT_DIGITS;
  if ((sign !== CHAR_PLUS && sign !== CHAR_DASH) || text.length !== index + 6) {
    return NOT_DIGITS;
  }
  const hours = twoDigits(text, index + 1);
  const minutes = twoDigits(text, index + 4);
  if (text.charCodeAt(index + 3) !== CHAR_COLON || hours > 23 || minutes > 59) {
    return NOT_DIGITS;
  }
  return (sign === CHAR_DASH ? -1 : 1) * (hours * 60 + minutes);
}

/** Milliseconds of `HH:mm[:ss[.f{1,9}]](Z|±HH:MM)` starting at `index`, relative to UTC midnight. */
function parseTimeOfDay(text: string, index: number): number | undefined {
  const hour = twoDigits(text, index);
  const minute = twoDigits(text, index + 3);
  if (text.charCodeAt(index + 2) !== CHAR_COLON || hour > 23 || minute > 59) {
    return undefined;
  }
  let cursor = index + 5;
  let second = 0;
  let millis = 0;
  if (text.charCodeAt(cursor) === CHAR_COLON) {
    second = twoDigits(text, cursor + 1);
    if (second > 59) return undefined;
    cursor += 3;
    if (text.charCodeAt(cursor) === CHAR_DOT) {
      const fractionStart = cursor + 1;
      cursor = fractionStart;
      // Up to nine fraction digits are accepted; only the first three (milliseconds) count.
      let scale = 100;
      while (cursor - fractionStart < 9 && isDigitAt(text, cursor)) {
        millis += (text.charCodeAt(cursor) - CHAR_0) * scale;
        scale = scale === 1 ? 0 : scale / 10;
        cursor += 1;
      }
      if (cursor === fractionStart) return undefined;
    }
  }
  const offset = zoneOffsetMinutes(text, cursor);
  if (offset === NOT_DIGITS) return undefined;
  return (hour * 60 + minute - offset) * MINUTE_MS + second * 1000 + millis;
}

/**
 * Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm[:ss[.fff]](Z|±HH:MM)` into epoch milliseconds.
 * Date-times must carry a zone so a rule means the same instant on every machine; a bare date is
 * UTC midnight. Returns undefined for anything else, including impossible dates such as 2024-02-30.
 * Hand-written rather than a regex because it runs for each date attribute on each evaluation.
 */
export function parseIsoDate(text: string): number | undefined {
  if (
    text.length < 10 ||
    text.charCodeAt(4) !== CHAR_DASH ||
    text.charCodeAt(7) !== CHAR_DASH
  )
    return undefined;
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (
    century > 99 ||
    yearOfCentury > 99 ||
    month < 1 ||
    month > 12 ||
    day < 1
  ) {
    return undefined;
  }
  const year = century * 100 + yearOfCentury;
  if (day > daysInMonth(year, month)) return undefined;
  const midnight = daysFromCivil(year, month, day) * DAY_MS;
  if (text.length === 10) return midnight;
  if (text.charCodeAt(10) !== CHAR_T) return undefined;
  const timeOfDay = parseTimeOfDay(text, 11);
  return timeOfDay === undefined ? undefined : midnight + timeOfDay;
}

/** Reads a profile or event value as an instant: epoch ms number, ISO string or Date. */
export function toEpochMs(value: unknown): number | undefined {
  if (typeof value === 'string') return parseIsoDate(value);
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : undefined;
  }
  if (value instanceof Date) {
    const time = value.getTime();
    return Number.isNaN(time) ? undefined : time;
  }
  return undefined;
}
