/**
 * How a subscription shapes an audience's projected variables for its destination:
 * which to send (`fields`, in this order), under which name (`rename`), and which to send as
 * SHA-256 hashes (`hash`, named by their original variable name).
 */
export interface SubscriptionProjection {
  fields: string[];
  rename?: Record<string, string>;
  hash?: string[];
}

export const EMPTY_PROJECTION: SubscriptionProjection = { fields: [], rename: {}, hash: [] };
