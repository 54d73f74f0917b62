import { SourceRunError } from '../engine/source-page';
import { FunctionProtocolError } from './function-client';
import { parseFunctionResponse } from './function-response';

describe('parseFunctionResponse', () => {
  it('reads the seed example', () => {
    const page = parseFunctionResponse({
      state: { transaction: '2020-01-02T00:00:00Z' },
      insert: { transaction: [{ id: 1, amount: 100 }, { id: 3, amount: 50 }] },
      delete: { transaction: [{ id: 2 }] },
      schema: { transaction: { primary_key: ['id'] } },
      hasMore: false,
      softDelete: ['transaction'],
    });
    expect(page.upserts).toHaveLength(2);
    expect(page.upserts[0]).toEqual({ entity: 'transaction', record: { id: 1, amount: 100 }, primaryKey: ['id'] });
    expect(page.deletes).toEqual([{ entity: 'transaction', record: { id: 2 }, primaryKey: ['id'] }]);
    expect(page.softDeleteEntities).toEqual(['transaction']);
  });

  it('stops on errorMessage with type and stack trace', () => {
    const parse = () => parseFunctionResponse({ errorMessage: 'boom', errorType: 'NameError', stackTrace: ['x'] });
    expect(parse).toThrow(SourceRunError);
    try { parse(); } catch (error) { expect(error).toMatchObject({ message: 'boom', errorType: 'NameError', stackTrace: ['x'] }); }
  });

  it.each([
    [{ insert: {} }, '"state" must be an object in every response'],
    [{ state: {}, hasMore: 'yes' }, '"hasMore" must be a boolean'],
    [{ state: {}, insert: { a: [1] } }, '"insert.a" must be an array of objects'],
    [{ state: {}, delete: { a: [{ id: 1 }] } }, `"delete.a" needs the entity's primary key in "schema"`],
    [{ state: {}, schema: { a: { primary_key: [] } } }, '"schema.a.primary_key" must be a non-empty array of column names'],
    [{ state: {}, softDelete: 'a' }, '"softDelete" must be an array of entity names'],
  ])('refuses %j', (body, message) => {
    expect(() => parseFunctionResponse(body)).toThrow(new FunctionProtocolError(message));
  });
});
