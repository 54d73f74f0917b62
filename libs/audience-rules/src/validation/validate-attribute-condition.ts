import { findAttributePathProblem } from '../attribute-path';
import {
  ATTRIBUTE_OPERATORS,
  isAttributeOperator,
  isTimeRelativeOperator,
  OPERATOR_VALUE_KINDS,
} from '../operators';
import { describeType, keyPath } from './json-path';
import { validateOperatorValue } from './validate-operator-value';
import type { ValidationContext } from './validation-context';

const ALLOWED_KEYS = new Set(['attribute', 'operator', 'value']);

/** `insideWhere` is true for conditions on event properties, where time-relative operators are refused. */
export function validateAttributeCondition(
  node: Record<string, unknown>,
  path: string,
  insideWhere: boolean,
  context: ValidationContext,
): void {
  for (const key of Object.keys(node)) {
    if (!ALLOWED_KEYS.has(key)) {
      context.add(
        keyPath(path, key),
        `unknown key "${key}" in attribute condition`,
      );
    }
  }

  const attribute = node['attribute'];
  if (!('attribute' in node)) {
    context.add(
      keyPath(path, 'attribute'),
      'missing required field "attribute"',
    );
  } else if (typeof attribute !== 'string') {
    context.add(
      keyPath(path, 'attribute'),
      `must be a dot path string, got ${describeType(attribute)}`,
    );
  } else {
    const problem = findAttributePathProblem(attribute);
    if (problem !== undefined) context.add(keyPath(path, 'attribute'), problem);
  }

  const operatorPath = keyPath(path, 'operator');
  const operator = node['operator'];
  if (!('operator' in node)) {
    context.add(operatorPath, 'missing required field "operator"');
    return;
  }
  if (typeof operator !== 'string' || !isAttributeOperator(operator)) {
    context.add(
      operatorPath,
      `unknown operator ${JSON.stringify(operator)}; expected one of ${ATTRIBUTE_OPERATORS.join(', ')}`,
    );
    return;
  }
  if (insideWhere && isTimeRelativeOperator(operator)) {
    context.add(
      operatorPath,
      `"${operator}" is not allowed on event properties; use the event condition's withinLastDays`,
    );
  }

  const kind = OPERATOR_VALUE_KINDS[operator];
  const valuePath = keyPath(path, 'value');
  if (kind === 'none') {
    if ('value' in node) {
      context.add(valuePath, `operator "${operator}" takes no value`);
    }
  } else if (!('value' in node)) {
    context.add(
      valuePath,
      `missing required field "value" for operator "${operator}"`,
    );
  } else {
    validateOperatorValue(kind, node['value'], valuePath, context);
  }
}
