import { RULE_LIMITS } from '../rule-limits';
import { evaluateAt, profileOf } from '../spec-helpers';

const isOslo = { attribute: 'city', operator: 'equals', value: 'Oslo' };
const isAdult = { attribute: 'age', operator: 'greaterThanOrEqual', value: 18 };
const isGold = { attribute: 'tier', operator: 'equals', value: 'gold' };
const optedOut = { attribute: 'optOut', operator: 'isTrue' };

const osloAdultGold = profileOf({ city: 'Oslo', age: 30, tier: 'gold' });
const bergenChild = profileOf({
  city: 'Bergen',
  age: 12,
  tier: 'silver',
  optOut: true,
});

describe('logic', () => {
  it.each([
    ['all true', { all: [isOslo, isAdult, isGold] }, osloAdultGold, true],
    [
      'all with one false',
      { all: [isOslo, isAdult, { not: isGold }] },
      osloAdultGold,
      false,
    ],
    [
      'all with many children',
      { all: [isOslo, isAdult, isGold, isOslo, isAdult] },
      osloAdultGold,
      true,
    ],
    [
      'all with a late false',
      { all: [isOslo, isAdult, isGold, isOslo, optedOut] },
      osloAdultGold,
      false,
    ],
    ['any with one true', { any: [isGold, isOslo] }, bergenChild, false],
    [
      'any of several',
      { any: [isGold, isOslo, isAdult, optedOut] },
      bergenChild,
      true,
    ],
    ['any with one child', { any: [optedOut] }, bergenChild, true],
    ['not', { not: isOslo }, bergenChild, true],
    ['double not', { not: { not: isOslo } }, bergenChild, false],
    [
      'all inside any inside not',
      { not: { any: [{ all: [isOslo, isAdult] }, optedOut] } },
      osloAdultGold,
      false,
    ],
    [
      'mixed nesting that matches the other profile',
      {
        any: [
          { all: [isOslo, isGold] },
          { all: [{ not: isAdult }, optedOut, { not: isGold }] },
        ],
      },
      bergenChild,
      true,
    ],
  ])('%s', (_name, rule, profile, expected) => {
    expect(evaluateAt(rule, profile)).toBe(expected);
  });

  function nestNots(depth: number): unknown {
    let rule: unknown = isOslo;
    for (let level = 1; level < depth; level += 1) rule = { not: rule };
    return rule;
  }

  it('evaluates rules nested up to the depth limit', () => {
    const depth = RULE_LIMITS.maxDepth;
    const expected = depth % 2 === 1;
    expect(evaluateAt(nestNots(depth), osloAdultGold)).toBe(expected);
    expect(evaluateAt(nestNots(depth - 1), osloAdultGold)).toBe(!expected);
  });

  it('refuses to compile a rule nested past the depth limit', () => {
    expect(() =>
      evaluateAt(nestNots(RULE_LIMITS.maxDepth + 1), osloAdultGold),
    ).toThrow(/maximum depth/);
  });
});
