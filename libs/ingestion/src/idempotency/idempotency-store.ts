/** The response a request got, as stored for replay. */
export interface StoredResponse {
  status: number;
  body: Record<string, unknown>;
}

export interface IdempotencyClaim {
  /** Who owns the key space (an API key id, a webhook source id): keys never collide across senders. */
  scope: string;
  key: string;
  /** Hash of what was asked (route and exact body bytes). */
  requestHash: string;
}

/** What the work did: `store` false leaves the key free (nothing was accepted, a retry may differ). */
export interface WorkResult {
  response: StoredResponse;
  store: boolean;
}

export type IdempotentOutcome =
  | { kind: 'executed'; response: StoredResponse }
  | { kind: 'replayed'; response: StoredResponse }
  | { kind: 'mismatch' }
  | { kind: 'in-progress' };

export interface IdempotencyStore {
  /**
   * Runs `work` at most once per (scope, key) with a stored result: a concurrent or later call
   * with the same request waits for it and gets its response; a different request gets `mismatch`.
   * When `work` throws, nothing is stored and the key stays free.
   */
  execute(claim: IdempotencyClaim, work: () => Promise<WorkResult>): Promise<IdempotentOutcome>;
  purgeExpired(limit?: number): Promise<number>;
}
