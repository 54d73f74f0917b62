import { createHash } from 'node:crypto';
import type { OutgoingMessage } from '@activation/kafka';
import type { IdempotencyStore, StoredResponse } from '../idempotency/idempotency-store';
import type { IngestLimits } from '../limits/ingest-limits';
import type { IngestMetrics } from '../metrics/ingest-metrics';
import { eventIdFor } from '../normalize/event-ids';
import { encodeProfileInput, toProfileInput } from '../normalize/to-profile-input';
import { PublishUnavailableError } from '../publishing/publish-unavailable.error';
import type { ProfileInputPublisher } from '../publishing/fail-fast-publisher';
import type { ItemCheck } from '../validation/check-item';
import { problem } from '../validation/item-problem';
import { acceptedAnswer, problemAnswer, type IngestAnswer, type ItemOutcome } from './ingest-answer';

export interface AcceptContext {
  /** Route and exact body bytes: what an Idempotency-Key is bound to. */
  route: string;
  body: Buffer;
  /** The sender (`api-key:<id>`, `webhook:<id>`): scopes idempotency keys and derived event ids. */
  scope: string;
  /** Label carried on messages and metrics (`http`, `webhook:<slug>`). */
  source: string;
  idempotencyKey?: string;
  traceparent?: string;
  /** JSON path of item `index` in the body, for messages about it. */
  itemPath: (index: number) => string;
}

export interface AcceptItemsDeps {
  publisher: ProfileInputPublisher;
  idempotency: IdempotencyStore;
  metrics: IngestMetrics;
  limits: IngestLimits;
  now?: () => number;
}

/**
 * The part every HTTP intake shares once items are checked: normalize and encode the valid
 * ones, publish them (answering 202 only after the message log acknowledged), under the request's
 * Idempotency-Key when it has one.
 */
export class AcceptItems {
  private readonly now: () => number;

  constructor(private readonly deps: AcceptItemsDeps) {
    this.now = deps.now ?? Date.now;
  }

  async accept(checks: ItemCheck[], context: AcceptContext): Promise<IngestAnswer> {
    const { outcomes, messages, kinds } = this.normalize(checks, context);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') this.deps.metrics.rejected.inc({ source: context.source, reason: outcome.errors[0]?.code ?? 'invalid-field' });
    }
    if (messages.length === 0) {
      return problemAnswer(400, 'no-item-accepted', 'No item was accepted', 'Every item was refused; each one is listed with the path and reason.', {
        accepted: 0,
        rejected: outcomes.length,
        items: outcomes,
      });
    }
    const publish = async (): Promise<StoredResponse> => {
      await this.deps.publisher.publish(messages);
      for (const [kind, count] of kinds) this.deps.metrics.accepted.inc({ source: context.source, kind }, count);
      const answer = acceptedAnswer(outcomes);
      return { status: answer.status, body: answer.body };
    };
    try {
      if (context.idempotencyKey === undefined) return toAnswer(await publish());
      const outcome = await this.deps.idempotency.execute(
        { scope: context.scope, key: context.idempotencyKey, requestHash: requestHash(context.route, context.body) },
        async () => ({ response: await publish(), store: true }),
      );
      switch (outcome.kind) {
        case 'executed':
          return toAnswer(outcome.response);
        case 'replayed':
          return toAnswer(outcome.response, { 'idempotent-replayed': 'true' });
        case 'mismatch':
          this.deps.metrics.rejected.inc({ source: context.source, reason: 'idempotency-conflict' });
          return problemAnswer(409, 'idempotency-conflict', 'Idempotency-Key reused', 'This Idempotency-Key was already used with a different request body.');
        case 'in-progress':
          return problemAnswer(409, 'idempotency-in-progress', 'Request in progress', 'A request with this Idempotency-Key is still being processed; retry later.', {}, { 'retry-after': '1' });
      }
    } catch (error) {
      if (!(error instanceof PublishUnavailableError)) throw error;
      this.deps.metrics.rejected.inc({ source: context.source, reason: 'kafka-unavailable' });
      return problemAnswer(
        503,
        'kafka-unavailable',
        'Temporarily unavailable',
        'The platform could not store the request right now; nothing was accepted. Retry after the indicated delay.',
        {},
        { 'retry-after': String(error.retryAfterSeconds) },
      );
    }
  }

  private normalize(checks: ItemCheck[], context: AcceptContext) {
    const receivedAt = this.now();
    const outcomes: ItemOutcome[] = [];
    const messages: OutgoingMessage[] = [];
    const kinds = new Map<string, number>();
    checks.forEach((check, index) => {
      if (!check.ok) {
        outcomes.push({ index, status: 'rejected', errors: check.problems });
        return;
      }
      const eventId = eventIdFor(check.draft, index, context.scope, context.idempotencyKey);
      const message = toProfileInput(check.draft, { eventId, receivedAt, source: context.source });
      const encoded = encodeProfileInput(message, this.deps.limits.maxItemBytes, context.traceparent);
      if (!encoded.ok) {
        outcomes.push({ index, status: 'rejected', errors: [problem(context.itemPath(index), encoded.code, encoded.reason)] });
        return;
      }
      messages.push(encoded.message);
      kinds.set(check.draft.kind, (kinds.get(check.draft.kind) ?? 0) + 1);
      outcomes.push({ index, status: 'accepted', eventId });
    });
    return { outcomes, messages, kinds };
  }
}

export function requestHash(route: string, body: Buffer): string {
  return createHash('sha256').update(route).update('\n').update(body).digest('hex');
}

function toAnswer(response: StoredResponse, headers: Record<string, string> = {}): IngestAnswer {
  return { status: response.status, body: response.body, headers: { 'content-type': 'application/json', ...headers } };
}
