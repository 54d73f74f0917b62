/** Limits enforced by validateRule; they keep compile and evaluation cost bounded. */
export const RULE_LIMITS = {
  maxDepth: 32,
  maxPatternLength: 256,
  maxPathLength: 256,
  maxListLength: 10_000,
  maxDays: 36_500,
} as const;
