import { parseIsoDate, toEpochMs } from './iso-date';

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
  ])('refuses %j', (text) => {
    expect(parseIsoDate(text)).toBeUndefined();
  });
});

describe('toEpochMs', () => {
  it('reads numbers, ISO strings and Dates', () => {
    expect(toEpochMs(1_700_000_000_000)).toBe(1_700_000_000_000);
    expect(toEpochMs('2024-03-01')).toBe(Date.UTC(2024, 2, 1));
    expect(toEpochMs(new Date(Date.UTC(2024, 2, 1)))).toBe(Date.UTC(2024, 2, 1));
  });

  it.each([[Number.NaN], [Infinity], ['soon'], [new Date('invalid')], [null], [undefined], [true], [{}]])(
    'gives undefined for %p',
    (value) => {
      expect(toEpochMs(value)).toBeUndefined();
    },
  );
});
