import type { StagedRow } from '../model/delivery-row';
import { acceptRows } from './staging-repository';

const row = (primaryKey: string, membershipVersion: number, extra: Partial<StagedRow> = {}): StagedRow =>
  ({ subscriptionId: 1, primaryKey, membershipVersion, origin: 'stream', requiresKnownKey: false, ...extra }) as StagedRow;
const marks = (entries: Array<[string, number]>) => new Map(entries.map(([key, version]) => [`1\u001f${key}`, version]));

describe('acceptRows (the watermark rule)', () => {
  it('queues stream rows only when newer than the watermark and than earlier rows of the batch', () => {
    const accepted = acceptRows([row('a', 3), row('a', 2), row('a', 4), row('b', 1), row('c', 5)], marks([['a', 2], ['c', 5]]));
    expect(accepted.map((item) => `${item.primaryKey}${item.membershipVersion}`)).toEqual(['a3', 'a4', 'b1']);
  });

  it('queues a snapshot row at the watermark but not behind it', () => {
    const accepted = acceptRows([row('a', 2, { origin: 'snapshot' }), row('b', 1, { origin: 'snapshot' })], marks([['a', 2], ['b', 3]]));
    expect(accepted.map((item) => item.primaryKey)).toEqual(['a']);
  });

  it('queues replay rows whatever the watermark', () => {
    expect(acceptRows([row('a', 1, { origin: 'replay' })], marks([['a', 9]]))).toHaveLength(1);
  });

  it('queues rows that need a known key only for keys seen before', () => {
    const accepted = acceptRows([row('a', 3, { requiresKnownKey: true }), row('b', 1, { requiresKnownKey: true })], marks([['a', 2]]));
    expect(accepted.map((item) => item.primaryKey)).toEqual(['a']);
  });
});
