import { RULE_LIMITS } from '../rule-limits';
import type { Rule } from '../rule-types';
import { describeType, indexPath, isPlainObject, keyPath } from './json-path';
import { validateAttributeCondition } from './validate-attribute-condition';
import { validateEventCondition } from './validate-event-condition';
import { ValidationContext } from './validation-context';
import {
  InvalidRuleError,
  type RuleValidationResult,
} from './validation-result';

const NODE_KEYS = ['all', 'any', 'not', 'attribute', 'event'] as const;
const EVENT_ONLY_KEYS = ['count', 'withinLastDays', 'between', 'where'];

function validateLogicList(
  node: Record<string, unknown>,
  key: 'all' | 'any',
  path: string,
  depth: number,
  insideWhere: boolean,
  context: ValidationContext,
): void {
  const listPath = keyPath(path, key);
  const children = node[key];
  if (!Array.isArray(children)) {
    context.add(
      listPath,
      `must be an array of rules, got ${describeType(children)}`,
    );
    return;
  }
  if (children.length === 0) {
    context.add(listPath, 'must contain at least one rule');
  }
  children.forEach((child, index) =>
    validateNode(
      child,
      indexPath(listPath, index),
      depth + 1,
      insideWhere,
      context,
    ),
  );
}

function validateNode(
  node: unknown,
  path: string,
  depth: number,
  insideWhere: boolean,
  context: ValidationContext,
): void {
  if (depth > RULE_LIMITS.maxDepth) {
    context.add(
      path,
      `rule nesting exceeds the maximum depth of ${RULE_LIMITS.maxDepth}`,
    );
    return;
  }
  if (!isPlainObject(node)) {
    context.add(path, `must be a rule object, got ${describeType(node)}`);
    return;
  }
  const kinds = NODE_KEYS.filter((key) => key in node);
  if (kinds.length === 0) {
    // A condition missing its leading key is still recognisable by its other keys.
    if ('operator' in node) kinds.push('attribute');
    else if (EVENT_ONLY_KEYS.some((key) => key in node)) kinds.push('event');
  }
  if (kinds.length === 0) {
    context.add(
      path,
      `unknown rule: expected one of the keys ${NODE_KEYS.join(', ')}`,
    );
    return;
  }
  if (kinds.length > 1) {
    context.add(
      path,
      `ambiguous rule: keys ${kinds.map((kind) => `"${kind}"`).join(' and ')} cannot be combined`,
    );
    return;
  }
  const kind = kinds[0];
  if (kind === 'all' || kind === 'any' || kind === 'not') {
    for (const key of Object.keys(node)) {
      if (key !== kind) {
        context.add(
          keyPath(path, key),
          `unknown key "${key}" next to "${kind}"`,
        );
      }
    }
  }
  switch (kind) {
    case 'all':
    case 'any':
      return validateLogicList(node, kind, path, depth, insideWhere, context);
    case 'not':
      return validateNode(
        node['not'],
        keyPath(path, 'not'),
        depth + 1,
        insideWhere,
        context,
      );
    case 'attribute':
      return validateAttributeCondition(node, path, insideWhere, context);
    case 'event':
      if (insideWhere) {
        context.add(path, 'event conditions cannot be nested inside "where"');
        return;
      }
      return validateEventCondition(
        node,
        path,
        depth,
        context,
        (rule, rulePath, ruleDepth) =>
          validateNode(rule, rulePath, ruleDepth, true, context),
      );
  }
}

/** Checks a rule and reports every problem with the JSON path of the node at fault. */
export function validateRule(rule: unknown): RuleValidationResult {
  const context = new ValidationContext();
  validateNode(rule, '$', 1, false, context);
  return { valid: context.errors.length === 0, errors: context.errors };
}

export function assertValidRule(rule: unknown): asserts rule is Rule {
  const { errors } = validateRule(rule);
  if (errors.length > 0) throw new InvalidRuleError(errors);
}
