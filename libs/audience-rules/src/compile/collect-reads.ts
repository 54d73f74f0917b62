import type { Rule } from '../rule-types';
import { parseIsoDate } from '../time/iso-date';

/** What a rule looks at, so changes can be routed to the audiences they may affect. */
export interface RuleReads {
  /** Profile attribute dot paths, sorted, without duplicates. Event property paths are not included. */
  attributePaths: string[];
  /** Event names, sorted, without duplicates. */
  eventNames: string[];
  /** Largest `withinLastDays` of an event condition; null when no event condition has one. */
  maxWindowDays: number | null;
  /** Earliest `between.from` of an event condition, epoch ms; null when none uses between. */
  earliestBetweenFrom: number | null;
  /** True when some event condition has no window and so reads the whole event history. */
  readsWholeEventHistory: boolean;
}

export function collectReads(rule: Rule): RuleReads {
  const attributePaths = new Set<string>();
  const eventNames = new Set<string>();
  let maxWindowDays: number | null = null;
  let earliestBetweenFrom: number | null = null;
  let readsWholeEventHistory = false;

  const visit = (node: Rule): void => {
    if ('all' in node) node.all.forEach(visit);
    else if ('any' in node) node.any.forEach(visit);
    else if ('not' in node) visit(node.not);
    else if ('attribute' in node) attributePaths.add(node.attribute);
    else {
      eventNames.add(node.event);
      if (node.withinLastDays !== undefined) {
        maxWindowDays = Math.max(maxWindowDays ?? 0, node.withinLastDays);
      } else if (node.between !== undefined) {
        const from = parseIsoDate(node.between.from) as number;
        earliestBetweenFrom = Math.min(earliestBetweenFrom ?? Infinity, from);
      } else {
        readsWholeEventHistory = true;
      }
    }
  };
  visit(rule);

  return {
    attributePaths: [...attributePaths].sort(),
    eventNames: [...eventNames].sort(),
    maxWindowDays,
    earliestBetweenFrom,
    readsWholeEventHistory,
  };
}
