import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, type CursorShape, type PageRequest } from './cursor';

export interface KeysetOrder {
  /** SQL expressions of the sort key, unique together (e.g. `a.slug`, `a.id`). */
  columns: string[];
  shape: CursorShape;
  direction: 'ASC' | 'DESC';
}

/**
 * Adds keyset pagination to a query: rows after the cursor, in a total order, `limit + 1` of
 * them (the extra one tells `toPage` that another page exists).
 */
export function paginate<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, page: PageRequest, order: KeysetOrder): SelectQueryBuilder<T> {
  if (page.cursor !== undefined) {
    const values = decodeCursor(page.cursor, order.shape);
    const params = Object.fromEntries(values.map((value, index) => [`cursor${index}`, value]));
    const comparison = order.direction === 'ASC' ? '>' : '<';
    const placeholders = values.map((_, index) => `:cursor${index}`).join(', ');
    query.andWhere(`(${order.columns.join(', ')}) ${comparison} (${placeholders})`, params);
  }
  order.columns.forEach((column, index) => (index === 0 ? query.orderBy(column, order.direction) : query.addOrderBy(column, order.direction)));
  return query.limit(page.limit + 1);
}

/** Escapes LIKE wildcards so a search term matches literally. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
