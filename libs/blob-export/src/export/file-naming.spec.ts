import { exportFileName } from './file-naming';

describe('exportFileName', () => {
  const openedAt = new Date('2026-03-01T10:15:00.123Z');

  it('puts the prefix, subscription, UTC time and file number before the format extension', () => {
    expect(exportFileName({ namePrefix: 'exports/vip-', subscriptionId: 12, fileNumber: 3, openedAt, extension: 'csv', gzip: true }))
      .toBe('exports/vip-12-20260301T101500Z-000003.csv.gz');
    expect(exportFileName({ namePrefix: '', subscriptionId: 7, fileNumber: 1, openedAt, extension: 'jsonl', gzip: false }))
      .toBe('7-20260301T101500Z-000001.jsonl');
    expect(exportFileName({ namePrefix: '', subscriptionId: 7, fileNumber: 2, openedAt, extension: 'csv', gzip: true, encrypted: true }))
      .toBe('7-20260301T101500Z-000002.csv.gz.pgp');
  });

  it('sorts files in the order they were opened', () => {
    const names = [1, 2, 10].map((fileNumber) =>
      exportFileName({ namePrefix: 'p/', subscriptionId: 1, fileNumber, openedAt, extension: 'csv', gzip: false }));
    expect([...names].sort()).toEqual(names);
  });
});
