/** The JSON shape of an audience rule. See docs/audience-rules.md for semantics. */
export type Rule =
  | AllRule
  | AnyRule
  | NotRule
  | AttributeCondition
  | EventCondition;

/** A rule allowed inside an event condition's `where`: logic and attribute conditions only. */
export type PropertyRule =
  | AllOf<PropertyRule>
  | AnyOf<PropertyRule>
  | NotOf<PropertyRule>
  | AttributeCondition;

export interface AllOf<T> {
  all: T[];
}
export interface AnyOf<T> {
  any: T[];
}
export interface NotOf<T> {
  not: T;
}
export type AllRule = AllOf<Rule>;
export type AnyRule = AnyOf<Rule>;
export type NotRule = NotOf<Rule>;

export type Scalar = string | number | boolean;

export type AttributeCondition =
  | { attribute: string; operator: 'equals' | 'notEquals'; value: Scalar }
  | {
      attribute: string;
      operator:
        | 'greaterThan'
        | 'greaterThanOrEqual'
        | 'lessThan'
        | 'lessThanOrEqual';
      value: number;
    }
  | { attribute: string; operator: 'between'; value: [number, number] }
  | { attribute: string; operator: 'in' | 'notIn'; value: Scalar[] }
  | { attribute: string; operator: 'contains'; value: Scalar }
  | {
      attribute: string;
      operator: 'startsWith' | 'endsWith' | 'matches';
      value: string;
    }
  | {
      attribute: string;
      operator: 'exists' | 'notExists' | 'isTrue' | 'isFalse';
    }
  | { attribute: string; operator: 'dateBefore' | 'dateAfter'; value: string }
  | {
      attribute: string;
      operator: 'withinLastDays' | 'olderThanDays';
      value: number;
    };

export type AttributeOperator = AttributeCondition['operator'];

/** Count bounds: `exactly` alone, or `atLeast` and/or `atMost`. */
export interface EventCount {
  atLeast?: number;
  atMost?: number;
  exactly?: number;
}

export interface EventCondition {
  event: string;
  where?: PropertyRule[];
  /** Defaults to `{ "atLeast": 1 }`. */
  count?: EventCount;
  withinLastDays?: number;
  between?: { from: string; to: string };
}

export interface EventRecord {
  name: string;
  /** Epoch milliseconds. */
  time: number;
  properties?: Record<string, unknown>;
}

export interface Profile {
  attributes: Record<string, unknown>;
  events?: readonly EventRecord[];
}
