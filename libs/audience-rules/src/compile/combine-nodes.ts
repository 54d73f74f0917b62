import type {
  Attributes,
  CompiledNode,
  Events,
  NodeNextChange,
  NodeTest,
} from './compiled-node';

function allTests(tests: NodeTest[]): NodeTest {
  const [first, second, third] = tests;
  switch (tests.length) {
    case 1:
      return first;
    case 2:
      return (attributes, events, now) =>
        first(attributes, events, now) && second(attributes, events, now);
    case 3:
      return (attributes, events, now) =>
        first(attributes, events, now) &&
        second(attributes, events, now) &&
        third(attributes, events, now);
    default:
      return (attributes, events, now) => {
        for (let index = 0; index < tests.length; index += 1) {
          if (!tests[index](attributes, events, now)) return false;
        }
        return true;
      };
  }
}

function anyTests(tests: NodeTest[]): NodeTest {
  const [first, second, third] = tests;
  switch (tests.length) {
    case 1:
      return first;
    case 2:
      return (attributes, events, now) =>
        first(attributes, events, now) || second(attributes, events, now);
    case 3:
      return (attributes, events, now) =>
        first(attributes, events, now) ||
        second(attributes, events, now) ||
        third(attributes, events, now);
    default:
      return (attributes, events, now) => {
        for (let index = 0; index < tests.length; index += 1) {
          if (tests[index](attributes, events, now)) return true;
        }
        return false;
      };
  }
}

/**
 * The earliest change among the children, except that a child which currently holds the deciding
 * value (false for all, true for any) and never changes by time pins the whole result forever.
 */
function combinedNextChange(
  children: CompiledNode[],
  decidingValue: boolean,
): NodeNextChange | undefined {
  if (children.every((child) => child.nextChange === undefined)) {
    return undefined;
  }
  return (attributes: Attributes, events: Events, now: number) => {
    let earliest = Infinity;
    for (const child of children) {
      const next =
        child.nextChange === undefined
          ? Infinity
          : child.nextChange(attributes, events, now);
      if (next === Infinity) {
        if (child.test(attributes, events, now) === decidingValue) {
          return Infinity;
        }
      } else if (next < earliest) {
        earliest = next;
      }
    }
    return earliest;
  };
}

function cheapestFirst(children: CompiledNode[]): CompiledNode[] {
  return [...children].sort((left, right) => left.cost - right.cost);
}

function totalCost(children: CompiledNode[]): number {
  return children.reduce((sum, child) => sum + child.cost, 1);
}

export function allOf(children: CompiledNode[]): CompiledNode {
  const ordered = cheapestFirst(children);
  return {
    test: allTests(ordered.map((child) => child.test)),
    nextChange: combinedNextChange(ordered, false),
    cost: totalCost(ordered),
  };
}

export function anyOf(children: CompiledNode[]): CompiledNode {
  const ordered = cheapestFirst(children);
  return {
    test: anyTests(ordered.map((child) => child.test)),
    nextChange: combinedNextChange(ordered, true),
    cost: totalCost(ordered),
  };
}

export function notOf(child: CompiledNode): CompiledNode {
  const test = child.test;
  return {
    test: (attributes, events, now) => !test(attributes, events, now),
    nextChange: child.nextChange,
    cost: child.cost + 1,
  };
}
