import { findAttributePathProblem } from '@activation/audience-rules';

/**
 * Attribute names are dot paths (`address.city`), read the same way by audience rules and the
 * evaluator; the rule is theirs (a segment named like a built-in object member could reach a
 * prototype), applied here before anything is published.
 */
export function attributePathProblem(path: string): string | undefined {
  const problem = findAttributePathProblem(path);
  return problem === undefined ? undefined : `attribute path ${problem}`;
}
