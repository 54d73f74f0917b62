import { queuedRow } from '../testing/membership-fixtures';
import { takeBatch } from './take-batch';

describe('takeBatch', () => {
  it('takes rows of the oldest row\'s operation, fresh apart from retried, up to the batch size', () => {
    const buffer = [
      queuedRow({ id: '1', primaryKey: 'a', callType: 'NEW' }),
      queuedRow({ id: '2', primaryKey: 'b', callType: 'REMOVED' }),
      queuedRow({ id: '3', primaryKey: 'c', callType: 'NEW', attempts: 2 }),
      queuedRow({ id: '4', primaryKey: 'd', callType: 'NEW' }),
      queuedRow({ id: '5', primaryKey: 'e', callType: 'NEW' }),
    ];
    const batch = takeBatch(buffer, 2);
    expect(batch).toMatchObject({ callType: 'NEW', retry: false });
    expect(batch!.rows.map((row) => row.id)).toEqual(['1', '4']);
    expect(buffer.map((row) => row.id)).toEqual(['2', '3', '5']);
    expect(takeBatch(buffer, 10)!.rows.map((row) => row.id)).toEqual(['2']);
    expect(takeBatch(buffer, 10)).toMatchObject({ retry: true, rows: [expect.objectContaining({ id: '3' })] });
    expect(takeBatch(buffer, 10)!.rows.map((row) => row.id)).toEqual(['5']);
    expect(takeBatch(buffer, 10)).toBeUndefined();
  });
});
