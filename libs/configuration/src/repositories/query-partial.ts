import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** TypeORM's insert/update types reject `unknown` and record-typed jsonb columns; the entity types are the contract. */
export function partial<T>(value: Partial<T>): QueryDeepPartialEntity<T> {
  return value as QueryDeepPartialEntity<T>;
}
