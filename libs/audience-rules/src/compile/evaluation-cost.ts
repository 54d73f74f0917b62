import type { AttributeOperator } from '../rule-types';

/**
 * Rough relative cost of evaluating one condition. Children of all/any run cheapest first so
 * that short-circuiting skips the expensive ones; conditions are pure, so order never changes results.
 */
const OPERATOR_COST: Readonly<Record<AttributeOperator, number>> = {
  equals: 1,
  notEquals: 1,
  greaterThan: 1,
  greaterThanOrEqual: 1,
  lessThan: 1,
  lessThanOrEqual: 1,
  between: 1,
  exists: 1,
  notExists: 1,
  isTrue: 1,
  isFalse: 1,
  in: 2,
  notIn: 2,
  startsWith: 2,
  endsWith: 2,
  contains: 3,
  dateBefore: 5,
  dateAfter: 5,
  withinLastDays: 5,
  olderThanDays: 5,
  matches: 10,
};

/** Scanning a profile's events costs far more than any attribute check. */
const EVENT_CONDITION_COST = 50;

export function attributeConditionCost(
  operator: AttributeOperator,
  pathSegments: number,
): number {
  return OPERATOR_COST[operator] + (pathSegments - 1) * 0.5;
}

export function eventConditionCost(whereCost: number): number {
  return EVENT_CONDITION_COST + whereCost * 5;
}
