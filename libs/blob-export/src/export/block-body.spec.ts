import { gunzipSync } from 'node:zlib';
import { blockBody, fitBlock } from './block-body';
import type { PendingRow } from './pending-row';

const rows = (count: number): PendingRow[] =>
  Array.from({ length: count }, (_, index) => ({ deliveryRowId: String(index + 1), line: Buffer.from(`row-${String(index).padStart(4, '0')}\n`), snapshot: false }));

describe('fitBlock', () => {
  it('takes exactly the rows that fit, the header counted', () => {
    const header = Buffer.from('h\n');
    // each row is 9 bytes; 2 + 3 * 9 = 29 <= 30 < 38
    const { count, body } = fitBlock(header, rows(10), false, 30);
    expect(count).toBe(3);
    expect(body.toString()).toBe('h\nrow-0000\nrow-0001\nrow-0002\n');
  });

  it('takes one row even when it does not fit, so the caller can decide', () => {
    expect(fitBlock(undefined, rows(3), false, 4).count).toBe(1);
  });

  it('halves gzipped blocks until they fit, and each block is a whole gzip member', () => {
    const many = rows(2_000).map((row, index) => ({ ...row, line: Buffer.from(`${index}:${Math.random().toString(36)}\n`) }));
    const { count, body } = fitBlock(undefined, many, true, 4_096);
    expect(count).toBeLessThan(2_000);
    expect(body.length).toBeLessThanOrEqual(4_096);
    const second = blockBody(undefined, many.slice(count, count + 5), true);
    const joined = gunzipSync(Buffer.concat([body, second])).toString();
    expect(joined).toBe(many.slice(0, count + 5).map((row) => row.line.toString()).join(''));
  });
});
