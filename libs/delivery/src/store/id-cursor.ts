import { decodeCursor, InvalidCursorError, type PageRequest } from '@activation/configuration';

/** The bigint id a page's cursor holds (null on the first page); anything else was not made by this API. */
export function idCursor(page: PageRequest): string | null {
  if (!page.cursor) return null;
  const [id] = decodeCursor(page.cursor, ['string']) as [string];
  if (!/^\d{1,18}$/.test(id)) throw new InvalidCursorError();
  return id;
}
