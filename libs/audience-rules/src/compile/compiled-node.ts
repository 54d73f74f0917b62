import type { EventRecord } from '../rule-types';

export type Attributes = Record<string, unknown>;
export type Events = readonly EventRecord[];

/** Arguments are positional so evaluating a profile allocates nothing. */
export type NodeTest = (
  attributes: Attributes,
  events: Events,
  now: number,
) => boolean;

/** Earliest instant after `now` at which the node's test could flip by time alone; Infinity if never. */
export type NodeNextChange = (
  attributes: Attributes,
  events: Events,
  now: number,
) => number;

export interface CompiledNode {
  test: NodeTest;
  /** Absent when the node's result never depends on the evaluation time. */
  nextChange?: NodeNextChange;
  /** Relative evaluation cost, used to run cheap children first. */
  cost: number;
}

export const NO_EVENTS: Events = Object.freeze([]);
export const NO_PROPERTIES: Attributes = Object.freeze({});
