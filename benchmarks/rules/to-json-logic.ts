import type { AttributeCondition, Rule } from '@activation/audience-rules';
import type { RulesLogic } from 'json-logic-js';

type Logic = RulesLogic;

// json-logic has no type test, so these idioms rebuild ours from built-in operators:
// `+` parses its argument as a float, `cat` turns it into a string; only a value that
// already is a number (string) survives the round trip unchanged.
const isNumber = (value: Logic): Logic =>
  ({ '===': [{ '+': [value] }, value] }) as Logic;
const isString = (value: Logic): Logic =>
  ({ '===': [{ cat: [value] }, value] }) as Logic;

/**
 * Dates are compared as strings, which orders instants correctly only because the benchmark
 * profiles store every date in the canonical `toISOString()` form; json-logic cannot parse dates.
 */
function canonicalIso(value: string): string {
  return new Date(
    value.length === 10 ? `${value}T00:00:00Z` : value,
  ).toISOString();
}

function conditionToJsonLogic(condition: AttributeCondition): Logic {
  const value = { var: condition.attribute } as Logic;
  switch (condition.operator) {
    case 'equals':
      return { '===': [value, condition.value] } as Logic;
    case 'notEquals':
      return { '!==': [value, condition.value] } as Logic;
    case 'greaterThan':
      return {
        and: [isNumber(value), { '>': [value, condition.value] }],
      } as Logic;
    case 'greaterThanOrEqual':
      return {
        and: [isNumber(value), { '>=': [value, condition.value] }],
      } as Logic;
    case 'lessThan':
      return {
        and: [isNumber(value), { '<': [value, condition.value] }],
      } as Logic;
    case 'lessThanOrEqual':
      return {
        and: [isNumber(value), { '<=': [value, condition.value] }],
      } as Logic;
    case 'between':
      return {
        and: [
          isNumber(value),
          { '<=': [condition.value[0], value, condition.value[1]] },
        ],
      } as Logic;
    case 'in':
      return { in: [value, condition.value] } as Logic;
    case 'notIn':
      return { '!': [{ in: [value, condition.value] }] } as Logic;
    case 'contains':
      if (typeof condition.value !== 'string') {
        throw new Error('only string needles translate faithfully');
      }
      return { in: [condition.value, value] } as Logic;
    case 'startsWith':
      return {
        and: [
          isString(value),
          {
            '===': [
              { substr: [value, 0, condition.value.length] },
              condition.value,
            ],
          },
        ],
      } as Logic;
    case 'endsWith':
      return {
        and: [
          isString(value),
          {
            '===': [
              { substr: [value, -condition.value.length] },
              condition.value,
            ],
          },
        ],
      } as Logic;
    case 'exists':
      return { '!==': [value, null] } as Logic;
    case 'notExists':
      return { '===': [value, null] } as Logic;
    case 'isTrue':
      return { '===': [value, true] } as Logic;
    case 'isFalse':
      return { '===': [value, false] } as Logic;
    case 'dateBefore':
      return {
        and: [isString(value), { '<': [value, canonicalIso(condition.value)] }],
      } as Logic;
    case 'dateAfter':
      return {
        and: [isString(value), { '>': [value, canonicalIso(condition.value)] }],
      } as Logic;
    default:
      throw new Error(
        `operator ${condition.operator} has no json-logic translation`,
      );
  }
}

/** Translates an attribute-only audience rule into json-logic with the same result on the benchmark data. */
export function toJsonLogic(rule: Rule): Logic {
  if ('all' in rule) return { and: rule.all.map(toJsonLogic) } as Logic;
  if ('any' in rule) return { or: rule.any.map(toJsonLogic) } as Logic;
  if ('not' in rule) return { '!': [toJsonLogic(rule.not)] } as Logic;
  if ('attribute' in rule) return conditionToJsonLogic(rule);
  throw new Error('event conditions have no json-logic translation');
}
