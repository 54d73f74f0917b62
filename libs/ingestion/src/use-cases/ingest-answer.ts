import type { ItemProblem } from '../validation/item-problem';

/** What an ingest route answers; the HTTP layer writes it as it is. */
export interface IngestAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

export type ItemOutcome =
  | { index: number; status: 'accepted'; eventId: string }
  | { index: number; status: 'rejected'; errors: ItemProblem[] };

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Request-level refusals (besides the item-level problem codes), for answers and metrics. */
export type RefusalCode =
  | 'body-too-large'
  | 'unsupported-media-type'
  | 'invalid-utf8'
  | 'invalid-json'
  | 'invalid-envelope'
  | 'too-many'
  | 'invalid-idempotency-key'
  | 'idempotency-conflict'
  | 'idempotency-in-progress'
  | 'unauthorized'
  | 'forbidden'
  | 'unknown-source'
  | 'invalid-signature'
  // The message log (Kafka or the embedded log) is unavailable. The code, and with it the problem type
  // URN and the metric reason, keeps its first name: clients and alerts may match on it.
  | 'kafka-unavailable'
  | 'no-item-accepted'
  | 'internal-error';

/** An RFC 9457 problem document. */
export function problemAnswer(
  status: number,
  code: RefusalCode,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): IngestAnswer {
  return {
    status,
    body: { type: `urn:activation:problem:${code}`, title, status, detail, ...extra },
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...headers },
  };
}

export function acceptedAnswer(outcomes: ItemOutcome[]): IngestAnswer {
  const accepted = outcomes.filter((outcome) => outcome.status === 'accepted').length;
  return {
    status: 202,
    body: { accepted, rejected: outcomes.length - accepted, items: outcomes },
    headers: { 'content-type': 'application/json' },
  };
}
