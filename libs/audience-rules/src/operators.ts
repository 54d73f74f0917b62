import type { AttributeOperator } from './rule-types';

/** What an operator's `value` must be. */
export type ValueKind =
  | 'none'
  | 'scalar'
  /** A scalar that is not the empty string, which every string would contain. */
  | 'needle'
  | 'number'
  | 'numberRange'
  | 'scalarList'
  | 'text'
  | 'pattern'
  | 'isoDate'
  | 'days';

export const OPERATOR_VALUE_KINDS: Readonly<
  Record<AttributeOperator, ValueKind>
> = {
  equals: 'scalar',
  notEquals: 'scalar',
  greaterThan: 'number',
  greaterThanOrEqual: 'number',
  lessThan: 'number',
  lessThanOrEqual: 'number',
  between: 'numberRange',
  in: 'scalarList',
  notIn: 'scalarList',
  contains: 'needle',
  startsWith: 'text',
  endsWith: 'text',
  matches: 'pattern',
  exists: 'none',
  notExists: 'none',
  isTrue: 'none',
  isFalse: 'none',
  dateBefore: 'isoDate',
  dateAfter: 'isoDate',
  withinLastDays: 'days',
  olderThanDays: 'days',
};

export const ATTRIBUTE_OPERATORS = Object.keys(
  OPERATOR_VALUE_KINDS,
) as AttributeOperator[];

export function isAttributeOperator(name: string): name is AttributeOperator {
  return Object.hasOwn(OPERATOR_VALUE_KINDS, name);
}

/** Operators whose result depends on the evaluation time. */
export function isTimeRelativeOperator(operator: AttributeOperator): boolean {
  return operator === 'withinLastDays' || operator === 'olderThanDays';
}
