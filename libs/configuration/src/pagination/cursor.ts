/** One page of a list; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not one this API returned (or it belongs to another list)');
    this.name = 'InvalidCursorError';
  }
}

export type CursorValue = string | number;
export type CursorShape = ReadonlyArray<'string' | 'number'>;

/**
 * Keyset cursors: the sort key of the last item of a page, opaque to clients (base64url JSON).
 * A cursor that does not decode to the expected shape is rejected, never trusted into SQL.
 */
export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, shape: CursorShape): CursorValue[] {
  let values: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,1024}$/.test(cursor)) throw new InvalidCursorError();
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const valid =
    Array.isArray(values) &&
    values.length === shape.length &&
    values.every((value, index) =>
      shape[index] === 'number' ? Number.isSafeInteger(value) : typeof value === 'string' && value.length <= 512,
    );
  if (!valid) throw new InvalidCursorError();
  return values as CursorValue[];
}

/**
 * Builds a page from `limit + 1` fetched rows: the extra row only says that another page exists.
 */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => CursorValue[],
  map: (row: Row) => Item,
): Page<Item> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(map),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}
