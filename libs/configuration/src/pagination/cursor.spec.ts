import { decodeCursor, encodeCursor, InvalidCursorError, toPage } from './cursor';

describe('pagination cursors', () => {
  it('round-trips a sort key', () => {
    const cursor = encodeCursor(['gold-buyers', '7b0c5f0e-6c1b-4a47-9d59-1f7f6f4f4a11']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, ['string', 'string'])).toEqual(['gold-buyers', '7b0c5f0e-6c1b-4a47-9d59-1f7f6f4f4a11']);
    expect(decodeCursor(encodeCursor([42]), ['number'])).toEqual([42]);
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['not JSON', Buffer.from('{{').toString('base64url')],
    ['the wrong shape', encodeCursor(['a'])],
    ['the wrong types', encodeCursor([1, 2])],
    ['an unsafe number', Buffer.from('[1e300,"x"]').toString('base64url')],
    ['an empty string', ''],
  ])('rejects %s', (_, cursor) => {
    expect(() => decodeCursor(cursor, ['string', 'string'])).toThrow(InvalidCursorError);
  });

  it('pages with one extra row and points the cursor at the last item', () => {
    const rows = [{ id: 1 }, { id: 2 }, { id: 3 }];
    const page = toPage(rows, 2, (row) => [row.id], (row) => row.id);
    expect(page.items).toEqual([1, 2]);
    expect(decodeCursor(page.nextCursor!, ['number'])).toEqual([2]);
    expect(toPage(rows.slice(0, 2), 2, (row) => [row.id], (row) => row.id).nextCursor).toBeNull();
    expect(toPage([], 2, (row: { id: number }) => [row.id], (row) => row).nextCursor).toBeNull();
  });
});
