import type { EventCondition, EventCount, EventRecord } from '../rule-types';
import { DAY_MS, parseIsoDate } from '../time/iso-date';
import {
  type CompiledNode,
  NO_EVENTS,
  NO_PROPERTIES,
  type NodeTest,
} from './compiled-node';
import { eventConditionCost } from './evaluation-cost';

interface CountChange {
  time: number;
  delta: 1 | -1;
}

function countBounds(count: EventCount | undefined): {
  min: number;
  max: number;
} {
  if (count === undefined) return { min: 1, max: Infinity };
  if (count.exactly !== undefined) {
    return { min: count.exactly, max: count.exactly };
  }
  return { min: count.atLeast ?? 0, max: count.atMost ?? Infinity };
}

/**
 * An event counts at time `now` when it has the right name, passes `where`, lies in the absolute
 * `between` range [from, to) if any, has already happened (time <= now) and, with withinLastDays,
 * is less than that many days old (time > now - window).
 */
export function compileEventCondition(
  condition: EventCondition,
  whereNode: CompiledNode | undefined,
): CompiledNode {
  const where = whereNode?.test;
  const name = condition.event;
  const { min, max } = countBounds(condition.count);
  const windowMs =
    condition.withinLastDays === undefined
      ? undefined
      : condition.withinLastDays * DAY_MS;
  const from =
    condition.between === undefined
      ? -Infinity
      : (parseIsoDate(condition.between.from) as number);
  const to =
    condition.between === undefined
      ? Infinity
      : (parseIsoDate(condition.between.to) as number);
  const accepted = (count: number): boolean => count >= min && count <= max;

  const isCandidate = (event: EventRecord, now: number): boolean =>
    event.name === name &&
    event.time >= from &&
    event.time < to &&
    (where === undefined ||
      where(event.properties ?? NO_PROPERTIES, NO_EVENTS, now));

  const test: NodeTest = (_attributes, events, now) => {
    const oldest = windowMs === undefined ? -Infinity : now - windowMs;
    let count = 0;
    for (let index = 0; index < events.length; index += 1) {
      const event = events[index];
      if (
        event.time > now ||
        event.time <= oldest ||
        !isCandidate(event, now)
      ) {
        continue;
      }
      count += 1;
      if (count > max) return false;
      if (count >= min && max === Infinity) return true;
    }
    return accepted(count);
  };

  const nextChange = (
    _attributes: unknown,
    events: readonly EventRecord[],
    now: number,
  ): number => {
    const changes: CountChange[] = [];
    let count = 0;
    for (const event of events) {
      if (!isCandidate(event, now)) continue;
      const leavesAt =
        windowMs === undefined ? Infinity : event.time + windowMs;
      if (event.time > now) changes.push({ time: event.time, delta: 1 });
      else if (leavesAt > now) count += 1;
      if (leavesAt > now && leavesAt !== Infinity) {
        changes.push({ time: leavesAt, delta: -1 });
      }
    }
    const initial = accepted(count);
    changes.sort((left, right) => left.time - right.time);
    for (let index = 0; index < changes.length; ) {
      const time = changes[index].time;
      while (index < changes.length && changes[index].time === time) {
        count += changes[index].delta;
        index += 1;
      }
      if (accepted(count) !== initial) return time;
    }
    return Infinity;
  };

  return { test, nextChange, cost: eventConditionCost(whereNode?.cost ?? 0) };
}
