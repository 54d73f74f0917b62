import { exportFileName, formatTimestamp } from './blob-name';

describe('formatTimestamp', () => {
  const instant = Date.parse('2025-08-13T07:05:09.042Z');

  it('tells months (MM) from minutes (mm)', () => {
    expect(formatTimestamp(instant, 'YYYY-MM-DD_HH.mm.ss.SSS', 'UTC')).toBe('2025-08-13_07.05.09.042');
    expect(formatTimestamp(instant, 'YYYYMMDD-HHmmss', 'UTC')).toBe('20250813-070509');
  });

  it('renders in the time zone', () => {
    expect(formatTimestamp(instant, 'YYYY-MM-DDTHHmm', 'Asia/Tokyo')).toBe('2025-08-13T1605');
  });
});

describe('exportFileName', () => {
  it('replaces {TIMESTAMP}, drops a leading slash and adds the extension', () => {
    expect(exportFileName('/myfolder/myfile-{TIMESTAMP}', '20250813', { compression: 'none', encrypted: false }))
      .toEqual({ blob: 'myfolder/myfile-20250813.csv', csv: 'myfile-20250813.csv' });
    expect(exportFileName('events-{TIMESTAMP}', 'x', { compression: 'gzip', encrypted: false }).blob).toBe('events-x.csv.gz');
    expect(exportFileName('a/b/events-{TIMESTAMP}', 'x', { compression: 'zip', encrypted: true }))
      .toEqual({ blob: 'a/b/events-x.zip.pgp', csv: 'events-x.csv' });
  });
});
