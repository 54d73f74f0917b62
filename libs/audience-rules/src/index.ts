export type {
  AllRule,
  AnyRule,
  AttributeCondition,
  AttributeOperator,
  EventCondition,
  EventCount,
  EventRecord,
  NotRule,
  Profile,
  PropertyRule,
  Rule,
  Scalar,
} from './rule-types';
export { ATTRIBUTE_OPERATORS } from './operators';
export { RULE_LIMITS } from './rule-limits';
export { findAttributePathProblem, splitAttributePath } from './attribute-path';
export { parseIsoDate, DAY_MS } from './time/iso-date';
export { validateRule, assertValidRule } from './validation/validate-rule';
export {
  InvalidRuleError,
  type RuleValidationError,
  type RuleValidationResult,
} from './validation/validation-result';
export { compileRule, type CompiledRule } from './compile/compile-rule';
export type { RuleReads } from './compile/collect-reads';
