import type {
  AttributeCondition,
  EventCondition,
  Profile,
  PropertyRule,
  Rule,
} from '../rule-types';
import { DAY_MS } from '../time/iso-date';
import { assertValidRule } from '../validation/validate-rule';
import { collectReads, type RuleReads } from './collect-reads';
import { allOf, anyOf, notOf } from './combine-nodes';
import { compileAttributeCondition } from './compile-attribute-condition';
import { compileEventCondition } from './compile-event-condition';
import { type CompiledNode, NO_EVENTS } from './compiled-node';

export interface CompiledRule {
  readonly reads: RuleReads;
  /** Whether the profile is in the audience at `now` (epoch ms). */
  evaluate(profile: Profile, now: number): boolean;
  /**
   * The earliest instant after `now` at which the result could change with no new data, or null
   * if it never will. Never later than the true change; it may be earlier.
   */
  nextChangeAt(profile: Profile, now: number): number | null;
  /**
   * Events older than this instant cannot affect evaluate or nextChangeAt at `now`; -Infinity when
   * the whole history matters, null when the rule reads no events.
   */
  eventHistoryStart(now: number): number | null;
}

// Nested lists of the same kind, and double negation, are flattened so evaluation makes fewer calls.
function flattenList<T extends Rule | PropertyRule>(
  kind: 'all' | 'any',
  rules: T[],
): T[] {
  return rules.flatMap((rule) =>
    kind in rule
      ? flattenList(kind, (rule as Record<typeof kind, T[]>)[kind])
      : [rule],
  );
}

function compileNode(rule: Rule | PropertyRule): CompiledNode {
  if ('all' in rule) {
    return allOf(
      flattenList<Rule | PropertyRule>('all', rule.all).map(compileNode),
    );
  }
  if ('any' in rule) {
    return anyOf(
      flattenList<Rule | PropertyRule>('any', rule.any).map(compileNode),
    );
  }
  if ('not' in rule) {
    const inner = rule.not;
    return 'not' in inner ? compileNode(inner.not) : notOf(compileNode(inner));
  }
  if ('attribute' in rule) {
    return compileAttributeCondition(rule as AttributeCondition);
  }
  return compileEventCondition(
    rule as EventCondition,
    compileWhere(rule as EventCondition),
  );
}

function compileWhere(condition: EventCondition): CompiledNode | undefined {
  if (condition.where === undefined || condition.where.length === 0) {
    return undefined;
  }
  return allOf(
    flattenList<PropertyRule>('all', condition.where).map(compileNode),
  );
}

function historyStart(reads: RuleReads, now: number): number | null {
  if (reads.eventNames.length === 0) return null;
  if (reads.readsWholeEventHistory) return -Infinity;
  const relative =
    reads.maxWindowDays === null
      ? Infinity
      : now - reads.maxWindowDays * DAY_MS;
  return Math.min(relative, reads.earliestBetweenFrom ?? Infinity);
}

/** Validates and compiles a rule once; throws InvalidRuleError listing every problem. */
export function compileRule(rule: unknown): CompiledRule {
  assertValidRule(rule);
  const root = compileNode(rule);
  const test = root.test;
  const nextChange = root.nextChange;
  const reads = collectReads(rule);
  return {
    reads,
    evaluate: (profile, now) =>
      test(profile.attributes, profile.events ?? NO_EVENTS, now),
    nextChangeAt: (profile, now) => {
      if (nextChange === undefined) return null;
      const next = nextChange(
        profile.attributes,
        profile.events ?? NO_EVENTS,
        now,
      );
      return next === Infinity ? null : next;
    },
    eventHistoryStart: (now) => historyStart(reads, now),
  };
}
