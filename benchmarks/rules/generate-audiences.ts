import {
  compileRule,
  type AttributeCondition,
  type Profile,
  type Rule,
} from '@activation/audience-rules';
import {
  CITIES,
  COUNTRIES,
  DATE_RANGE,
  EMAIL_DOMAINS,
  LANGUAGES,
  PHONE_PREFIXES,
  REGIONS,
  TAGS,
  TIERS,
} from './benchmark-vocabulary';
import { SeededRandom } from './seeded-random';

type ConditionMaker = (random: SeededRandom) => AttributeCondition;

const MIN_MEMBER_SHARE = 0.02;
const MAX_MEMBER_SHARE = 0.98;

function isoDate(random: SeededRandom): string {
  const time =
    DATE_RANGE.from +
    Math.floor(random.next() * (DATE_RANGE.to - DATE_RANGE.from));
  const iso = new Date(time).toISOString();
  return random.chance(0.5) ? iso.slice(0, 10) : iso;
}

function numeric(
  attribute: string,
  min: number,
  max: number,
): ConditionMaker[] {
  const value = (random: SeededRandom) => random.integer(min, max);
  return [
    (random) => ({ attribute, operator: 'greaterThan', value: value(random) }),
    (random) => ({
      attribute,
      operator: 'greaterThanOrEqual',
      value: value(random),
    }),
    (random) => ({ attribute, operator: 'lessThan', value: value(random) }),
    (random) => ({
      attribute,
      operator: 'lessThanOrEqual',
      value: value(random),
    }),
    (random) => {
      const low = value(random);
      return {
        attribute,
        operator: 'between',
        value: [low, low + random.integer(0, (max - min) / 2)],
      };
    },
    (random) => ({ attribute, operator: 'equals', value: value(random) }),
    (random) => ({ attribute, operator: 'notEquals', value: value(random) }),
    (random) => ({
      attribute,
      operator: 'in',
      value: [value(random), value(random), value(random)],
    }),
  ];
}

function categorical(
  attribute: string,
  values: readonly string[],
): ConditionMaker[] {
  return [
    (random) => ({ attribute, operator: 'equals', value: random.pick(values) }),
    (random) => ({
      attribute,
      operator: 'notEquals',
      value: random.pick(values),
    }),
    (random) => ({
      attribute,
      operator: 'in',
      value: random.sample(values, random.integer(1, 3)),
    }),
    (random) => ({
      attribute,
      operator: 'notIn',
      value: random.sample(values, random.integer(1, 3)),
    }),
    () => ({ attribute, operator: 'exists' }),
    () => ({ attribute, operator: 'notExists' }),
  ];
}

function textual(
  attribute: string,
  values: readonly string[],
): ConditionMaker[] {
  return [
    (random) => ({
      attribute,
      operator: 'startsWith',
      value: random.pick(values).slice(0, random.integer(1, 3)),
    }),
    (random) => ({
      attribute,
      operator: 'endsWith',
      value: random.pick(values).slice(-random.integer(1, 3)),
    }),
    (random) => ({
      attribute,
      operator: 'contains',
      value: random.pick(values).slice(1, 3),
    }),
  ];
}

function dated(attribute: string): ConditionMaker[] {
  return [
    (random) => ({ attribute, operator: 'dateBefore', value: isoDate(random) }),
    (random) => ({ attribute, operator: 'dateAfter', value: isoDate(random) }),
  ];
}

function flag(attribute: string): ConditionMaker[] {
  return [
    () => ({ attribute, operator: 'isTrue' }),
    () => ({ attribute, operator: 'isFalse' }),
    () => ({ attribute, operator: 'notExists' }),
  ];
}

const CONDITION_MAKERS: ConditionMaker[] = [
  ...numeric('age', 13, 90),
  ...categorical('city', CITIES),
  ...textual('city', CITIES),
  ...categorical('address.city', CITIES),
  ...categorical('country', COUNTRIES),
  ...categorical('tier', TIERS),
  ...categorical('language', LANGUAGES),
  ...numeric('score', 0, 1000),
  ...textual('email', EMAIL_DOMAINS),
  ...textual('phone', PHONE_PREFIXES),
  ...flag('vip'),
  ...flag('optOut'),
  (random) => ({
    attribute: 'tags',
    operator: 'contains',
    value: random.pick(TAGS),
  }),
  (random) => ({
    attribute: 'address.postcode',
    operator: 'startsWith',
    value: String(random.integer(0, 9)),
  }),
  ...categorical('address.geo.region', REGIONS),
  ...numeric('stats.orders', 0, 60),
  ...numeric('stats.lifetimeValue', 0, 50_000),
  ...dated('signedUpAt'),
  ...dated('stats.lastOrderAt'),
];

function generateNode(
  random: SeededRandom,
  depth: number,
  maxDepth: number,
): Rule {
  if (depth > 0 && (depth >= maxDepth || random.chance(0.45))) {
    return random.pick(CONDITION_MAKERS)(random);
  }
  const roll = random.next();
  if (depth > 0 && roll < 0.15) {
    return { not: generateNode(random, depth + 1, maxDepth) };
  }
  const children = Array.from({ length: random.integer(2, 5) }, () =>
    generateNode(random, depth + 1, maxDepth),
  );
  return roll < 0.6 ? { all: children } : { any: children };
}

/**
 * Attribute-only audiences with mixed operators and nested all/any/not, up to four levels deep.
 * Candidates that select almost every or almost no sample profile are redrawn: real audiences
 * select some, and degenerate ones would prove little when comparing evaluators.
 */
export function generateAudiences(
  count: number,
  seed: number,
  sample: Profile[],
): Rule[] {
  const random = new SeededRandom(seed);
  const audiences: Rule[] = [];
  for (let attempt = 0; audiences.length < count; attempt += 1) {
    if (attempt > count * 100)
      throw new Error('could not generate selective audiences');
    const rule = generateNode(random, 0, random.integer(1, 4));
    const compiled = compileRule(rule);
    const members = sample.filter((profile) =>
      compiled.evaluate(profile, 0),
    ).length;
    const share = members / sample.length;
    if (share >= MIN_MEMBER_SHARE && share <= MAX_MEMBER_SHARE)
      audiences.push(rule);
  }
  return audiences;
}
