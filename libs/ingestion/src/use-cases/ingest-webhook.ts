import type { IngestLimits } from '../limits/ingest-limits';
import type { IngestMetrics } from '../metrics/ingest-metrics';
import { checkItem, type ItemCheck } from '../validation/check-item';
import { mapWebhookRecord, toPayloadPath } from '../webhooks/map-webhook-payload';
import { verifyWebhookSignature } from '../webhooks/webhook-signature';
import type { WebhookMapping, WebhookSourceLookup } from '../webhooks/webhook-source';
import type { AcceptItems } from './accept-items';
import { problemAnswer, type IngestAnswer, type RefusalCode } from './ingest-answer';
import { readIdempotencyKey } from './idempotency-key';
import { checkBatchLength, readJsonBody } from './read-batch-body';

export interface WebhookRequest {
  sourceId: string;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
  traceparent?: string;
}

/**
 * `POST /v1/sources/{id}/webhook`: any JSON payload (one record, or an array of records) mapped
 * to profile changes by the source's configured paths, after its signature is checked.
 */
export class IngestWebhook {
  constructor(
    private readonly sources: WebhookSourceLookup,
    private readonly accept: AcceptItems,
    private readonly limits: IngestLimits,
    private readonly metrics: IngestMetrics,
  ) {}

  async handle(request: WebhookRequest): Promise<IngestAnswer> {
    const source = /^[A-Za-z0-9_-]{1,128}$/.test(request.sourceId) ? await this.sources.find(request.sourceId) : undefined;
    if (!source || !source.enabled) {
      this.metrics.rejected.inc({ source: 'webhook', reason: 'unknown-source' });
      return problemAnswer(404, 'unknown-source', 'Unknown webhook source', 'No enabled webhook source has this id.');
    }
    const label = `webhook:${source.slug}`;
    const refused = (reason: RefusalCode, answer: IngestAnswer) => {
      this.metrics.rejected.inc({ source: label, reason });
      return answer;
    };
    if (source.signature) {
      const header = request.headers[source.signature.header.toLowerCase()];
      if (!verifyWebhookSignature(request.body, source.signature.secret, Array.isArray(header) ? header[0] : header)) {
        return refused(
          'invalid-signature',
          problemAnswer(401, 'invalid-signature', 'Invalid signature', `The ${source.signature.header} header must hold the HMAC-SHA256 of the body.`),
        );
      }
    }
    const key = readIdempotencyKey(request.headers['idempotency-key']);
    if (!key.ok) return refused('invalid-idempotency-key', key.answer);
    const json = readJsonBody(request.body);
    if (!json.ok) return refused(json.code, json.answer);
    const many = Array.isArray(json.value);
    const records = checkBatchLength(many ? (json.value as unknown[]) : [json.value], '', this.limits);
    if (!records.ok) return refused(records.code, records.answer);
    const rootOf = (index: number) => (many ? `$[${index}]` : '$');
    const checks = records.items.map((record, index) => this.check(record, rootOf(index), source.mapping));
    return this.accept.accept(checks, {
      route: `webhook:${source.id}`,
      body: request.body,
      scope: `webhook:${source.id}`,
      source: label,
      idempotencyKey: key.key,
      traceparent: request.traceparent,
      itemPath: rootOf,
    });
  }

  private check(record: unknown, root: string, mapping: WebhookMapping): ItemCheck {
    const mapped = mapWebhookRecord(record, root, mapping);
    if (!mapped.ok) return mapped;
    const check = checkItem('profile-change', mapped.mapped.item, '$', this.limits);
    if (check.ok) return check;
    return {
      ok: false,
      problems: check.problems.map((found) => ({ ...found, path: toPayloadPath(found.path, mapped.mapped.origins, root) })),
    };
  }
}
