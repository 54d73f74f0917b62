import type { IngestLimits } from '../limits/ingest-limits';
import type { IngestMetrics } from '../metrics/ingest-metrics';
import { checkItem } from '../validation/check-item';
import type { InputKind } from '../validation/input-draft';
import type { AcceptItems } from './accept-items';
import type { IngestAnswer } from './ingest-answer';
import { readBatchBody } from './read-batch-body';
import { readIdempotencyKey } from './idempotency-key';

export interface BatchRequest {
  kind: InputKind;
  route: string;
  body: Buffer;
  /** Id of the verified API key. */
  principalId: string;
  idempotencyKey?: string | string[];
  traceparent?: string;
}

/** `POST /v1/profiles` and `POST /v1/events`: a batch in, per-item results out. */
export class IngestBatch {
  constructor(
    private readonly accept: AcceptItems,
    private readonly limits: IngestLimits,
    private readonly metrics: IngestMetrics,
  ) {}

  async handle(request: BatchRequest): Promise<IngestAnswer> {
    const source = 'http';
    const key = readIdempotencyKey(request.idempotencyKey);
    if (!key.ok) return this.refused(source, 'invalid-idempotency-key', key.answer);
    const body = readBatchBody(request.kind, request.body, this.limits);
    if (!body.ok) return this.refused(source, body.code, body.answer);
    const checks = body.items.map((item, index) => checkItem(request.kind, item, `$.${body.field}[${index}]`, this.limits));
    return this.accept.accept(checks, {
      route: request.route,
      body: request.body,
      scope: `api-key:${request.principalId}`,
      source,
      idempotencyKey: key.key,
      traceparent: request.traceparent,
      itemPath: (index) => `$.${body.field}[${index}]`,
    });
  }

  private refused(source: string, reason: string, answer: IngestAnswer): IngestAnswer {
    this.metrics.rejected.inc({ source, reason });
    return answer;
  }
}
