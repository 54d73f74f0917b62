import type { AttributeCondition, Scalar } from '../rule-types';
import { DAY_MS, parseIsoDate, toEpochMs } from '../time/iso-date';
import { splitAttributePath } from '../attribute-path';
import type { CompiledNode, NodeTest } from './compiled-node';
import { attributeConditionCost } from './evaluation-cost';
import { compilePathGetter, type PathGetter } from './path-getter';

function compileContains(get: PathGetter, needle: Scalar): NodeTest {
  if (typeof needle === 'string') {
    return (attributes) => {
      const value = get(attributes);
      if (typeof value === 'string') return value.includes(needle);
      return Array.isArray(value) && value.includes(needle);
    };
  }
  return (attributes) => {
    const value = get(attributes);
    return Array.isArray(value) && value.includes(needle);
  };
}

type UncostedNode = Omit<CompiledNode, 'cost'>;

function compileDateWithinLastDays(
  get: PathGetter,
  days: number,
): UncostedNode {
  const windowMs = days * DAY_MS;
  return {
    test: (attributes, _events, now) => {
      const time = toEpochMs(get(attributes));
      return time !== undefined && time <= now && time > now - windowMs;
    },
    nextChange: (attributes, _events, now) => {
      const time = toEpochMs(get(attributes));
      if (time === undefined) return Infinity;
      if (time > now) return time;
      return time + windowMs > now ? time + windowMs : Infinity;
    },
  };
}

function compileDateOlderThanDays(get: PathGetter, days: number): UncostedNode {
  const windowMs = days * DAY_MS;
  return {
    test: (attributes, _events, now) => {
      const time = toEpochMs(get(attributes));
      return time !== undefined && time + windowMs <= now;
    },
    nextChange: (attributes, _events, now) => {
      const time = toEpochMs(get(attributes));
      return time !== undefined && time + windowMs > now
        ? time + windowMs
        : Infinity;
    },
  };
}

function compileOperator(condition: AttributeCondition): UncostedNode {
  const get = compilePathGetter(condition.attribute);
  switch (condition.operator) {
    case 'equals': {
      const expected = condition.value;
      return { test: (attributes) => get(attributes) === expected };
    }
    case 'notEquals': {
      const expected = condition.value;
      return { test: (attributes) => get(attributes) !== expected };
    }
    case 'greaterThan': {
      const bound = condition.value;
      return {
        test: (attributes) => {
          const value = get(attributes);
          return typeof value === 'number' && value > bound;
        },
      };
    }
    case 'greaterThanOrEqual': {
      const bound = condition.value;
      return {
        test: (attributes) => {
          const value = get(attributes);
          return typeof value === 'number' && value >= bound;
        },
      };
    }
    case 'lessThan': {
      const bound = condition.value;
      return {
        test: (attributes) => {
          const value = get(attributes);
          return typeof value === 'number' && value < bound;
        },
      };
    }
    case 'lessThanOrEqual': {
      const bound = condition.value;
      return {
        test: (attributes) => {
          const value = get(attributes);
          return typeof value === 'number' && value <= bound;
        },
      };
    }
    case 'between': {
      const [min, max] = condition.value;
      return {
        test: (attributes) => {
          const value = get(attributes);
          return typeof value === 'number' && value >= min && value <= max;
        },
      };
    }
    case 'in': {
      const members = new Set<unknown>(condition.value);
      return { test: (attributes) => members.has(get(attributes)) };
    }
    case 'notIn': {
      const members = new Set<unknown>(condition.value);
      return { test: (attributes) => !members.has(get(attributes)) };
    }
    case 'contains':
      return { test: compileContains(get, condition.value) };
    case 'startsWith': {
      const prefix = condition.value;
      return {
        test: (attributes) => {
          const value = get(attributes);
          return typeof value === 'string' && value.startsWith(prefix);
        },
      };
    }
    case 'endsWith': {
      const suffix = condition.value;
      return {
        test: (attributes) => {
          const value = get(attributes);
          return typeof value === 'string' && value.endsWith(suffix);
        },
      };
    }
    case 'matches': {
      const pattern = new RegExp(condition.value);
      return {
        test: (attributes) => {
          const value = get(attributes);
          return typeof value === 'string' && pattern.test(value);
        },
      };
    }
    case 'exists':
      return { test: (attributes) => get(attributes) != null };
    case 'notExists':
      return { test: (attributes) => get(attributes) == null };
    case 'isTrue':
      return { test: (attributes) => get(attributes) === true };
    case 'isFalse':
      return { test: (attributes) => get(attributes) === false };
    case 'dateBefore': {
      const limit = parseIsoDate(condition.value) as number;
      return {
        test: (attributes) => {
          const time = toEpochMs(get(attributes));
          return time !== undefined && time < limit;
        },
      };
    }
    case 'dateAfter': {
      const limit = parseIsoDate(condition.value) as number;
      return {
        test: (attributes) => {
          const time = toEpochMs(get(attributes));
          return time !== undefined && time > limit;
        },
      };
    }
    case 'withinLastDays':
      return compileDateWithinLastDays(get, condition.value);
    case 'olderThanDays':
      return compileDateOlderThanDays(get, condition.value);
  }
}

/** Turns one validated attribute condition into a closure; the rule JSON is not consulted again. */
export function compileAttributeCondition(
  condition: AttributeCondition,
): CompiledNode {
  const cost = attributeConditionCost(
    condition.operator,
    splitAttributePath(condition.attribute).length,
  );
  return { ...compileOperator(condition), cost };
}
