import { DAY_MS, parseIsoDate, toEpochMs } from './iso-date';

describe('parseIsoDate', () => {
  it.each([
    ['2024-03-01', Date.UTC(2024, 2, 1)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['2024-03-01T10:15Z', Date.UTC(2024, 2, 1, 10, 15)],
    ['2024-03-01T10:15:30Z', Date.UTC(2024, 2, 1, 10, 15, 30)],
    ['2024-03-01T10:15:30.5Z', Date.UTC(2024, 2, 1, 10, 15, 30, 500)],
    ['2024-03-01T10:15:30.123456Z', Date.UTC(2024, 2, 1, 10, 15, 30, 123)],
    ['2024-03-01T12:00:00+02:00', Date.UTC(2024, 2, 1, 10)],
    ['2024-03-01T00:30:00-01:30', Date.UTC(2024, 2, 1, 2)],
    ['2024-03-01T10:15+01:00', Date.UTC(2024, 2, 1, 9, 15)],
    ['2024-03-01T10:15:30.07Z', Date.UTC(2024, 2, 1, 10, 15, 30, 70)],
    ['2024-03-01T10:15:30.123456789Z', Date.UTC(2024, 2, 1, 10, 15, 30, 123)],
    ['2024-03-01T23:59:59.999-12:00', Date.UTC(2024, 2, 2, 11, 59, 59, 999)],
    ['0050-01-01', new Date('0050-01-01T00:00:00Z').getTime()],
  ])('parses %s', (text, expected) => {
    expect(parseIsoDate(text)).toBe(expected);
  });

  it.each([
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-01-01T24:00:00Z',
    '2024-01-01T10:60Z',
    '2024-01-01T10:00:00',
    '2024-01-01T10:00:00+24:00',
    '2024-1-1',
    'March 1, 2024',
    '',
    '2024-01-01 10:00:00Z',
    '2024-01-01T10:00:00.Z',
    '2024-01-01T10:00:00.1234567890Z',
    '2024-01-01T10:00:00Zjunk',
    '2024-01-01T10:00:00z',
    '2024-01-01T10:00:00+0100',
    '2024-01-01T10:00:60Z',
    '2024-01-01T1:00:00Z',
    '2024-01-01junk',
  ])('refuses %j', (text) => {
    expect(parseIsoDate(text)).toBeUndefined();
  });
});

describe('toEpochMs', () => {
  it('reads numbers, ISO strings and Dates', () => {
    expect(toEpochMs(1_700_000_000_000)).toBe(1_700_000_000_000);
    expect(toEpochMs('2024-03-01')).toBe(Date.UTC(2024, 2, 1));
    expect(toEpochMs(new Date(Date.UTC(2024, 2, 1)))).toBe(
      Date.UTC(2024, 2, 1),
    );
  });

  it.each([
    [Number.NaN],
    [Infinity],
    ['soon'],
    [new Date('invalid')],
    [null],
    [undefined],
    [true],
    [{}],
  ])('gives undefined for %p', (value) => {
    expect(toEpochMs(value)).toBeUndefined();
  });
});

describe('parseIsoDate against the platform calendar', () => {
  it('agrees with Date for every day from 1899 to 2101 and for far years', () => {
    const start = Date.UTC(1899, 0, 1);
    const days = [...Array(73_000).keys()].map((day) => start + day * DAY_MS);
    const farYears = [100, 400, 1600, 1900, 2000, 2400, 9999].map((year) =>
      Date.UTC(year, 1, 28),
    );
    const mismatches = [...days, ...farYears].filter((time) => {
      const iso = new Date(time).toISOString();
      return (
        parseIsoDate(iso.slice(0, 10)) !== time || parseIsoDate(iso) !== time
      );
    });
    expect(mismatches).toEqual([]);
  });
});
